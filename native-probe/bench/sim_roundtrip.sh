#!/bin/sh
# Simulator benchmarks (the simulator issue): one ioctl's round trip to dxgsim through the probe
# (median, p99) and the sustained rate with 4 client threads, unrecorded and recorded, in one run.
# Usage: sim_roundtrip.sh BUILD_DIR
set -eu
build=${1:?usage: sim_roundtrip.sh BUILD_DIR}
bench=$build/bench/bench_ioctl
work=$(mktemp -d)
trap 'kill $sim 2>/dev/null; rm -rf "$work"' EXIT
"$build/dxgsim" --socket "$work/sock" &
sim=$!
for i in $(seq 1 100); do [ -S "$work/sock" ] && break; sleep 0.05; done
export BENCH_VALID=1
run() { LD_PRELOAD="$build/libdxgscope-probe.so" DXGSCOPE_DEVICE="sim:$work/sock" "$bench" "$@"; }
set -- $(run roundtrip 20000)
echo "round trip through the probe: median $1 ns, p99 $2 ns"
set -- $(run sustained 4 3)
awk -v n="$1" -v r="$2" 'BEGIN { printf "sustained, 4 threads: %.0f ioctls/s (goal >= 50000)\n", r }'
kill $sim
wait $sim 2>/dev/null || true
"$build/dxgcap" record --fence-sample-ms 0 --sim -o "$work/r.dxgcap" -- env BENCH_VALID=1 "$bench" sustained 4 3 >"$work/rec"
set -- $(cat "$work/rec")
awk -v r="$2" 'BEGIN { printf "sustained, 4 threads, recorded: %.0f ioctls/s\n", r }'
