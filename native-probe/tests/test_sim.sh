#!/bin/sh
# dxgsim scenarios (the simulator issue's tests). Usage:
#   test_sim.sh DXGCAP SIM_CONFORMANCE CAPTURE_CHECK WORKLOAD_DIR SCENARIO
set -u
dxgcap=$1 conformance=$2 check=$3 workloads=$4 scenario=$5
bin=$(dirname "$dxgcap")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL $scenario: $*"; exit 1; }
record() { # name args... : records with --sim and the given dxgcap options, then "--" and the command
    name=$1; shift
    "$dxgcap" record --fence-sample-ms 0 -o "$work/$name.dxgcap" "$@" >"$work/$name.out" 2>&1
}
count() { "$dxgcap" dump "$work/$1.dxgcap" | grep -c -- "$2"; }

case "$scenario" in
conformance)
    # Each ioctl family: handles, results, errnos, STATUS_PENDING, fence pages, eventfds, Lock2,
    # the wrong-process check, sharing by fd, cascaded destruction (asserted inside the client).
    record conf --sim -- "$conformance" || fail "$(cat "$work/conf.out")"
    ;;
latency)
    # --host-latency-us: replies come that much later in real time, with a tail; none by default.
    record fast --sim -- "$workloads/render-loop" 2 || fail "$(cat "$work/fast.out")"
    "$check" latency "$work/fast.dxgcap" 0 || fail "replies are slow without --host-latency-us"
    record slow --sim --sim-arg --host-latency-us --sim-arg 300 -- "$workloads/render-loop" 2 ||
        fail "$(cat "$work/slow.out")"
    "$check" latency "$work/slow.dxgcap" 300 || fail "reply latencies do not follow --host-latency-us 300"
    ;;
private)
    # --no-private-data: driver-private buffers are marked omitted and carry no bytes; by default
    # they are captured. The SESSION record says which.
    record on --sim -- "$workloads/render-loop" 2 || fail "$(cat "$work/on.out")"
    "$check" private "$work/on.dxgcap" on || fail "private data not captured by default"
    count on 'private_data=on' >/dev/null || fail "SESSION does not say private_data=on"
    record off --sim --no-private-data -- "$workloads/render-loop" 2 || fail "$(cat "$work/off.out")"
    "$check" private "$work/off.dxgcap" off || fail "private data captured despite --no-private-data"
    count off 'private_data=off' >/dev/null || fail "SESSION does not say private_data=off"
    ;;
vmbus)
    # The VMBus messages recorded for each ioctl match the mapping table and framing.
    record conf --sim -- "$conformance" || fail "$(cat "$work/conf.out")"
    "$check" vmbus "$work/conf.dxgcap" || fail "VMBus messages do not match the ioctls"
    # --sim-arg implies --sim (no seed given: seed 1)
    record async --sim-arg --async-vmbus -- "$workloads/render-loop" 3 || fail "async: $(cat "$work/async.out")"
    "$check" vmbus "$work/async.dxgcap" || fail "async-mode VMBus messages"
    [ "$(count async 'flags=2 ')" -gt 0 ] || fail "no asynchronous messages in async mode"
    ;;
workloads)
    for w in render-loop compute-pressure stuck-wait error-storm; do
        record "$w" --sim -- "$workloads/$w" || fail "$w: $(cat "$work/$w.out")"
    done
    grep -q "16 of 24 resident" "$work/compute-pressure.out" || fail "compute-pressure: no evictions"
    grep -q "ENOMEM" "$work/compute-pressure.out" || fail "compute-pressure: no ENOMEM"
    # The driver's limit of 1024 allocations in one CreateAllocation (each with its private data).
    record many --sim -- "$workloads/compute-pressure" 1024 1 || fail "1024 allocations: $(cat "$work/many.out")"
    grep -q "of 1024 resident" "$work/many.out" || fail "1024 allocations: $(cat "$work/many.out")"
    record objects --sim -- "$workloads/many-objects" 5000 1000 || fail "many-objects: $(cat "$work/objects.out")"
    grep -q "all 5000 destroyed" "$work/objects.out" || fail "many-objects: $(cat "$work/objects.out")"
    grep -q "13 bad calls, 0 succeeded or not run" "$work/error-storm.out" || fail "error-storm: $(cat "$work/error-storm.out")"
    [ "$(count error-storm 'misc dxg: dxgk: ')" -ge 10 ] || fail "error-storm: dmesg lines missing"
    # A check that cannot fork is "not run" and fails the workload, never a success. As root, the
    # recording runs as a uid no task has, with room for the recorder, the simulator and the
    # workload but not the child (RLIMIT_NPROC counts every task of that uid).
    uid=64123
    if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null && command -v prlimit >/dev/null &&
        command -v pgrep >/dev/null && ! pgrep -U "$uid" >/dev/null; then
        as_uid() { setpriv --reuid="$uid" --regid="$uid" --clear-groups "$@"; }
        chmod 711 "$work" && mkdir -m 777 "$work/nofork"
        if as_uid sh -c 'test -x "$1" && test -x "$2" && test -w "$3"' _ "$dxgcap" "$workloads/error-storm" \
            "$work/nofork" 2>/dev/null; then
            as_uid prlimit --nproc=3 "$dxgcap" record --fence-sample-ms 0 -o "$work/nofork/c.dxgcap" --sim -- \
                "$workloads/error-storm" >"$work/nofork.out" 2>&1 && fail "error-storm without fork: exit 0"
            grep -q "not run LX_DXQUERYADAPTERINFO\[forked-child\]" "$work/nofork.out" &&
                grep -q "13 bad calls, 1 succeeded or not run" "$work/nofork.out" ||
                fail "error-storm without fork: $(cat "$work/nofork.out")"
        else
            echo "skipped: error-storm without fork: uid $uid cannot reach the build or the work directory"
        fi
    else
        echo "skipped: error-storm without fork needs root, setpriv, prlimit and a free uid"
    fi
    # Two processes share a resource and a fence by fd over a Unix socket.
    record sharer --sim -- "$workloads/leaky-sharer" || fail "leaky-sharer: $(cat "$work/sharer.out")"
    [ "$(count sharer 'FD op=4 (send)')" -ge 1 ] || fail "leaky-sharer: no fd sent over SCM_RIGHTS"
    [ "$(count sharer 'FD op=5 (recv)')" -ge 1 ] || fail "leaky-sharer: no dxg fd received"
    [ "$(count sharer 'command=32 (OPENRESOURCE) ')" -ge 2 ] || fail "leaky-sharer: OPENRESOURCE not sent"
    [ "$(count sharer 'command=1005 (DESTROYNTSHAREDOBJECT) ')" -ge 1 ] || fail "leaky-sharer: no DESTROYNTSHAREDOBJECT after the last fd closed"
    [ "$(count sharer 'direction=1 .*command=1001 ')" -eq 2 ] || fail "leaky-sharer: both processes must be torn down"
    ;;
faults)
    rl="$workloads/render-loop"
    record f1 --sim --sim-arg --fault --sim-arg fail:CREATEDEVICE:1:0xC0000022 -- "$rl" 2 &&
        fail "injected CreateDevice failure not reported"
    grep -q "EACCES" "$work/f1.out" || fail "fail: not EACCES: $(cat "$work/f1.out")"
    record f2 --sim --sim-arg --fault --sim-arg budget:0:local:16 -- "$rl" 2 && fail "budget shrink ignored"
    grep -q "ENOMEM" "$work/f2.out" || fail "budget: not ENOMEM: $(cat "$work/f2.out")"
    record f3 --sim --sim-arg --fault --sim-arg remove:0 -- "$rl" 2 && fail "adapter removal ignored"
    grep -q "ENODEV" "$work/f3.out" || fail "remove: not ENODEV: $(cat "$work/f3.out")"
    record f4 --sim --sim-arg --fault --sim-arg reset:0 -- "$rl" 2 && fail "device reset ignored"
    grep -q "ENODEV" "$work/f4.out" || fail "reset: submissions should fail ENODEV: $(cat "$work/f4.out")"
    record f5 --sim --sim-arg --fault --sim-arg drop:CREATEDEVICE:1 -- "$rl" 2 && fail "dropped reply ignored"
    grep -q "ETIMEDOUT" "$work/f5.out" || fail "drop: not ETIMEDOUT: $(cat "$work/f5.out")"
    [ "$(count f5 'flags=4 ')" -eq 1 ] || fail "drop: the dropped request is not recorded"
    record f6 --sim --sim-arg --fault --sim-arg delay:MAKERESIDENT:50 -- "$rl" 2 || fail "delay: $(cat "$work/f6.out")"
    printf 'fail:SUBMITCOMMAND:2:0xC0000017\n# a comment\n' >"$work/faults"
    record f7 --sim --sim-arg --faults --sim-arg "$work/faults" -- "$rl" 3 && fail "fault file ignored"
    grep -q "ENOMEM" "$work/f7.out" || fail "fault file: $(cat "$work/f7.out")"
    "$bin/dxgsim" --socket "$work/s" --fault nonsense 2>"$work/err"; [ $? -eq 2 ] || fail "bad fault spec accepted"
    grep -q "cannot understand fault" "$work/err" || fail "bad fault spec not explained"
    ;;
determinism)
    # Same workload, same seed: the same ioctls, results, VMBus bytes and dmesg lines (times and
    # OS-assigned ids aside). ASLR is off so that pointers in arguments match too.
    arch=$(uname -m)
    for w in render-loop compute-pressure error-storm; do
        for run in 1 2; do
            setarch "$arch" -R "$dxgcap" record --fence-sample-ms 0 --sim=7 -o "$work/$w$run.dxgcap" -- "$workloads/$w" \
                >/dev/null 2>&1 || fail "$w run $run"
            "$dxgcap" dump --stable "$work/$w$run.dxgcap" >"$work/$w$run.txt"
        done
        cmp -s "$work/${w}1.txt" "$work/${w}2.txt" || fail "$w differs between runs: $(diff "$work/${w}1.txt" "$work/${w}2.txt" | head -5)"
        [ "$(wc -l <"$work/${w}1.txt")" -gt 20 ] || fail "$w: stable dump too short"
    done
    setarch "$arch" -R "$dxgcap" record --fence-sample-ms 0 --sim=8 -o "$work/other.dxgcap" -- "$workloads/render-loop" \
        >/dev/null 2>&1 || fail "seed 8"
    "$dxgcap" dump --stable "$work/other.dxgcap" >"$work/other.txt"
    cmp -s "$work/render-loop1.txt" "$work/other.txt" && fail "another seed should change the simulated timings"
    ;;
snapshot)
    # dxgcap snapshot samples the device itself: adapters, budgets, processes, statistics.
    "$dxgcap" snapshot --sim --interval 100 --duration 1 -o "$work/s.dxgcap" >/dev/null 2>&1 || fail "snapshot --sim"
    [ "$(count s 'DEVICE_SAMPLE')" -ge 20 ] || fail "too few device samples"
    "$dxgcap" info "$work/s.dxgcap" | grep -q "^  [0-9]* .*dxgcap (the snapshot's sampler)" ||
        fail "info does not name the sampler: $("$dxgcap" info "$work/s.dxgcap")"
    DXGSCOPE_DEVICE=/nonexistent "$dxgcap" snapshot --duration 1 -o "$work/n.dxgcap" 2>"$work/err" && fail "no device"
    grep -q "cannot open the device" "$work/err" || fail "missing device not explained: $(cat "$work/err")"
    [ "$(count n 'DEVICE_SAMPLE')" -eq 1 ] || fail "the failed look is not recorded"
    ;;
direct)
    # Unrecorded use: dxgsim started by hand, the probe only redirects the device.
    "$bin/dxgsim" --socket "$work/sock" &
    sim=$!
    for i in $(seq 1 100); do [ -S "$work/sock" ] && break; sleep 0.05; done
    LD_PRELOAD="$(dirname "$dxgcap")/libdxgscope-probe.so" DXGSCOPE_DEVICE="sim:$work/sock" "$conformance" \
        >"$work/direct.out" 2>&1
    status=$?
    kill $sim
    wait $sim
    [ $status -eq 0 ] || fail "$(cat "$work/direct.out")"
    DXGSCOPE_DEVICE="sim:$work/nosocket" LD_PRELOAD="$(dirname "$dxgcap")/libdxgscope-probe.so" "$conformance" \
        >"$work/none.out" 2>&1 && fail "no simulator should mean no device"
    grep -q "No such file" "$work/none.out" || fail "a missing simulator should look like a missing device"
    ;;
reap-in-wait)
    # A SIGCHLD handler reaps a child while its thread is blocked in a traced CPU wait: the child's
    # end is still recorded, once (the probe once dropped it because the thread was inside a call).
    record reap --sim -- "$(dirname "$conformance")/reap_in_wait" || fail "$(cat "$work/reap.out")"
    child=$(grep -x "[0-9]*" "$work/reap.out" | head -n 1)
    [ "$(count reap "PROCESS op=6 (reaped) other=$child status=4 ")" -eq 1 ] ||
        fail "not one reaped record for $child: $("$dxgcap" dump "$work/reap.dxgcap" | grep PROCESS)"
    # and it was written while the wait was in the ioctl (else this tests nothing new)
    "$dxgcap" dump "$work/reap.dxgcap" >"$work/reap.dump"
    seq_of() { sed -n "s/^@[0-9]* #\([0-9]*\) .*$1.*/\1/p" "$work/reap.dump" | head -n 1; }
    entered=$(seq_of "IOCTL_ENTER .*(LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU)")
    left=$(seq_of "IOCTL_LEAVE .*(LX_DXWAITFORSYNCHRONIZATIONOBJECTFROMCPU)")
    reaped=$(seq_of "PROCESS op=6 (reaped) other=$child ")
    [ -n "$entered" ] && [ -n "$left" ] && [ "$entered" -lt "$reaped" ] && [ "$reaped" -lt "$left" ] ||
        fail "the child was not reaped during the wait (#$entered..#$left, reaped #$reaped)"
    ;;
unmapped-fence)
    # The fence sampler reads a fence page the target unmapped behind its back: the fault is caught
    # and the target runs on (its handler must run on the sampler's thread, not be blocked there).
    "$dxgcap" record --sim --fence-sample-ms 1 -o "$work/unmapped.dxgcap" -- "$(dirname "$conformance")/unmapped_fence" \
        >"$work/unmapped.out" 2>&1 || fail "the target did not survive: status $? $(cat "$work/unmapped.out")"
    grep -q "ran on" "$work/unmapped.out" || fail "$(cat "$work/unmapped.out")"
    [ "$(count unmapped 'FENCE_SAMPLE')" -ge 1 ] || fail "the fence was never sampled while mapped"
    ;;
*)
    fail "unknown scenario"
    ;;
esac
echo "ok $scenario"
