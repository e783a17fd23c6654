#!/bin/sh
# dxgcap abi: the printed tables equal the reference TSVs byte for byte; bad arguments exit 2.
# usage: test_dxgcap_abi.sh DXGCAP REFERENCE_DIR
set -u
dxgcap=$1
ref=$2
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail=0

"$dxgcap" abi > "$tmp/d3dkmthk.tsv" || { echo "FAIL: dxgcap abi exited $?"; fail=1; }
cmp "$tmp/d3dkmthk.tsv" "$ref/d3dkmthk-layout.tsv" || { echo "FAIL: dxgcap abi differs from d3dkmthk-layout.tsv"; fail=1; }

"$dxgcap" abi --vmbus > "$tmp/vmbus.tsv" || { echo "FAIL: dxgcap abi --vmbus exited $?"; fail=1; }
cmp "$tmp/vmbus.tsv" "$ref/vmbus-layout.tsv" || { echo "FAIL: dxgcap abi --vmbus differs from vmbus-layout.tsv"; fail=1; }

"$dxgcap" abi --buffers > "$tmp/buffers.tsv" || { echo "FAIL: dxgcap abi --buffers exited $?"; fail=1; }
grep -q "^LX_DXCREATEALLOCATION	-1	allocation_info	d3dddi_allocationinfo2	48	alloc_count	4	96	inout	data	1024$" "$tmp/buffers.tsv" \
    || { echo "FAIL: --buffers lacks the CreateAllocation allocation_info row"; fail=1; }

for bad in "--bogus" "--vmbus --buffers" "vmbus" "--vmbus-fields --vmbus" "--vmbus-field" "--vmbus-fields x"; do
    # shellcheck disable=SC2086 # split on purpose: several arguments
    "$dxgcap" abi $bad > "$tmp/out" 2> "$tmp/err"
    status=$?
    if [ "$status" != 2 ]; then echo "FAIL: dxgcap abi $bad: status $status, want 2"; fail=1; fi
    if [ -s "$tmp/out" ]; then echo "FAIL: dxgcap abi $bad wrote to stdout"; fail=1; fi
    if [ "$(wc -l < "$tmp/err")" != 1 ]; then echo "FAIL: dxgcap abi $bad: want one error line"; fail=1; fi
done
exit $fail
