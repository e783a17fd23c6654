#!/bin/sh
# dxgcap abi --vmbus-fields: the VMBus members the reference vmbus-layout.tsv lacks. Every row is a
# member of a struct the reference lists only by size (so its size is the reference's, which the
# dxgcap_abi test ties to the compiled one), lies inside that size, repeats no reference row and no
# row of its own; every such struct but the header-only ones has rows; a few values from
# include/dxgscope/dxgvmbus.h.
# usage: test_vmbus_fields.sh DXGCAP REFERENCE_DIR
set -u
dxgcap=$1
ref=$2/vmbus-layout.tsv
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

"$dxgcap" abi --vmbus-fields > "$tmp/fields.tsv" || { echo "FAIL: dxgcap abi --vmbus-fields exited $?"; fail=1; }
[ -s "$tmp/fields.tsv" ] || { echo "FAIL: dxgcap abi --vmbus-fields printed nothing"; exit 1; }

# One awk pass over the reference, then the new table; prints one FAIL line per problem.
awk -F'\t' -v header_only="dxgkvmb_command_destroyprocess dxgkvmb_command_getinternaladapterinfo dxgkvmb_command_flushheaptransitions" '
    FNR == NR {
        rows[$1]++
        if ($2 == "__sizeof__") size[$1] = $4 + 0; else member[$1 SUBSEP $2] = 1
        next
    }
    {
        where = "row " FNR " (" $0 ")"
        if (NF != 4 || $3 !~ /^[0-9]+$/ || $4 !~ /^[0-9]+$/) { print "FAIL: " where ": not struct, field, offset, size"; next }
        if ($2 == "__sizeof__") { print "FAIL: " where ": a __sizeof__ row (the reference has them)"; next }
        if ($2 == "hdr") { print "FAIL: " where ": the command header is not a member row" }
        if (!($1 in size)) { print "FAIL: " where ": struct not in the reference"; next }
        if (rows[$1] != 1) { print "FAIL: " where ": the reference already lists fields of " $1 }
        if (($1 SUBSEP $2) in member) { print "FAIL: " where ": duplicates a reference row" }
        if (($1 SUBSEP $2) in seen) { print "FAIL: " where ": listed twice" }
        seen[$1 SUBSEP $2] = 1
        if ($4 + 0 == 0 || $3 + $4 > size[$1]) { print "FAIL: " where ": outside the struct (" size[$1] " bytes)" }
        if (($1 in last) && $3 + 0 < last[$1]) { print "FAIL: " where ": offsets go backwards" }
        last[$1] = $3 + 0
        covered[$1] = 1
    }
    END {
        n = split(header_only, h, " ")
        for (i = 1; i <= n; i++) skip[h[i]] = 1
        for (s in rows) {
            if (rows[s] == 1 && !(s in covered) && !(s in skip)) print "FAIL: " s ": listed only by size, and no rows here"
            if ((s in skip) && (s in covered)) print "FAIL: " s ": header-only, yet has rows"
        }
    }' "$ref" "$tmp/fields.tsv" > "$tmp/problems"
if [ -s "$tmp/problems" ]; then cat "$tmp/problems"; fail=1; fi

# Values read off include/dxgscope/dxgvmbus.h (24-byte command header first).
for want in \
    "dxgkvmb_command_evict	device	24	4" \
    "dxgkvmb_command_evict	flags	28	4" \
    "dxgkvmb_command_evict	alloc_count	32	4" \
    "dxgkvmb_command_evict	allocations	36	4" \
    "dxgkvmb_command_evict_return	num_bytes_to_trim	0	8" \
    "dxgkvmb_command_destroyallocation	device	24	4" \
    "dxgkvmb_command_destroyallocation	resource	28	4" \
    "dxgkvmb_command_destroyallocation	alloc_count	32	4" \
    "dxgkvmb_command_destroyallocation	flags	36	4" \
    "dxgkvmb_command_destroyallocation	allocations	40	4" \
    "dxgkvmb_command_queryallocationresidency	args	24	32" \
    "dxgkvmb_command_queryallocationresidency_return	status	0	4" \
    "dxgkvmb_command_createdevice	flags	24	4" \
    "dxgkvmb_command_createdevice	cdd_device	28	1" \
    "dxgkvmb_command_createdevice	error_code	32	8" \
    "dxgkvmb_command_lock2	use_legacy_lock	48	1" \
    "dxgkvmb_command_lock2	priv_drv_data	56	4" \
    "dxgkvmb_command_queryvideomemoryinfo_return	available_for_reservation	24	8" \
    "dxgkvmb_allocflags	flags	0	4" \
    "dxgk_feature_desc	max_supported_version	2	2"; do
    grep -qxF "$want" "$tmp/fields.tsv" || { echo "FAIL: no row '$want'"; fail=1; }
done
exit $fail
