#!/bin/sh
# Probe benchmarks (the capture issue): added cost per ioctl with the probe and under strace,
# measured in the same run on DXGSCOPE_DEVICE=/dev/null, and the sustained recording rate with
# 4 threads. Prints ratios; machines are noisy, so each figure is the median of 3 alternating runs.
# Usage: probe_overhead.sh BUILD_DIR   (a CMake build of native-probe)
set -eu
build=${1:?usage: probe_overhead.sh BUILD_DIR}
bench=$build/bench/bench_ioctl
dxgcap=$build/dxgcap
command -v strace >/dev/null || { echo "probe_overhead: needs strace (apt-get install strace)" >&2; exit 1; }
export DXGSCOPE_DEVICE=/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
median() { sort -n | sed -n 2p; }

for round in 1 2 3; do
    "$bench" latency 400000 >>"$work/base"
    "$dxgcap" record --fence-sample-ms 0 -o "$work/c.dxgcap" -- "$bench" latency 400000 >>"$work/probe"
    strace -f -qq -e trace=ioctl -o /dev/null "$bench" latency 40000 >>"$work/strace"
done
base=$(median <"$work/base")
probe=$(median <"$work/probe")
strace_ns=$(median <"$work/strace")
awk -v b="$base" -v p="$probe" -v s="$strace_ns" 'BEGIN {
    printf "ioctl on /dev/null:   %8.1f ns  (no probe)\n", b
    printf "with the probe:       %8.1f ns  (+%.1f ns per ioctl; goal <= 300)\n", p, p - b
    printf "under strace:         %8.1f ns  (+%.1f ns per ioctl)\n", s, s - b
    printf "strace adds %.0fx what the probe adds (goal >= 50x)\n", (s - b) / (p - b)
}'

# Sustained: 4 threads as fast as they can for 3 s; every event recorded or counted as lost.
"$dxgcap" record --fence-sample-ms 0 -o "$work/s.dxgcap" -- "$bench" sustained 4 3 >"$work/sustained"
set -- $(cat "$work/sustained")
ioctls=$1
"$dxgcap" info "$work/s.dxgcap" >"$work/info"
records=$(sed -n 's/^records: \([0-9]*\),.*/\1/p' "$work/info")
lost=$(sed -n 's/.*events lost: \([0-9]*\).*/\1/p' "$work/info")
awk -v n="$ioctls" -v r="$records" -v l="$lost" 'BEGIN {
    events = 2 * n
    printf "sustained, 4 threads: %d ioctls in 3 s = %.2f M recorded events/s (goal >= 1 M/s); lost %d of %d events%s\n",
        n, (events - l) / 3 / 1e6, l, events, (l == 0 ? "" : " (counted in LOST records)")
}'
