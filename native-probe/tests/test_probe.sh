#!/bin/sh
# Probe and collector scenarios of the capture issue, each recorded with dxgcap and checked with
# capture_check. Usage: test_probe.sh DXGCAP PROBE_TARGET CAPTURE_CHECK SCENARIO
set -u
dxgcap=$1 target=$2 check=$3 scenario=$4
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export DXGSCOPE_DEVICE=/dev/null
fail() { echo "FAIL $scenario: $*"; exit 1; }

case "$scenario" in
threads)
    # 8 threads x 100k ioctls: every event exactly once, per-thread order kept (a blocking bound
    # long enough that nothing is dropped on a loaded 2-core machine).
    "$dxgcap" record --block-timeout-us 5000000 -o "$work/c.dxgcap" -- "$target" threads 8 100000 ||
        fail "target status $?"
    "$check" threads "$work/c.dxgcap" 8 100000 || fail "capture does not match"
    "$dxgcap" info "$work/c.dxgcap" | grep -q "events lost: 0" || fail "events were lost"
    ;;
overload)
    # The default bound with a collector that cannot keep up: losses are counted exactly.
    "$dxgcap" record --block-timeout-us 100 --ring-size 65536 -o "$work/c.dxgcap" -- "$target" threads 4 50000 ||
        fail "target status $?"
    "$check" threads "$work/c.dxgcap" 4 50000 || fail "recorded + lost events do not add up"
    ;;
tree)
    "$dxgcap" record -o "$work/c.dxgcap" -- "$target" tree || fail "target status $?"
    "$check" tree "$work/c.dxgcap" || fail "process tree not reconstructed"
    ;;
no-follow-exec)
    # DXGSCOPE_FOLLOW_EXEC=0: the exec'd image runs without the probe (nothing of it is recorded).
    DXGSCOPE_FOLLOW_EXEC=0 "$dxgcap" record -o "$work/c.dxgcap" -- "$target" tree || fail "target status $?"
    "$check" tree-nofollow "$work/c.dxgcap" || fail "the exec'd image was recorded"
    ;;
badptr)
    "$dxgcap" record -o "$work/c.dxgcap" -- "$target" badptr || fail "target crashed or saw a wrong errno ($?)"
    "$check" badptr "$work/c.dxgcap" || fail "bad pointers not recorded as unreadable"
    ;;
scm)
    "$dxgcap" record -o "$work/c.dxgcap" -- "$target" scm || fail "target status $?"
    "$check" scm "$work/c.dxgcap" || fail "fd passing not recorded"
    ;;
exit-status)
    "$dxgcap" record -o "$work/c.dxgcap" -- sh -c 'exit 7'
    [ $? -eq 7 ] || fail "dxgcap did not exit with the command's status"
    "$dxgcap" record -o "$work/c.dxgcap" -- /nonexistent/program 2>/dev/null
    [ $? -eq 127 ] || fail "a command that cannot run should give 127"
    ;;
killed)
    # The collector dies mid-run: the target runs on; the capture reads up to the kill.
    "$dxgcap" record -o "$work/c.dxgcap" -- "$target" slow 2 "$work/pid" "$work/done" &
    collector=$!
    sleep 0.7
    kill -9 $collector
    wait $collector 2>/dev/null
    for i in $(seq 1 100); do [ -f "$work/done" ] && break; sleep 0.1; done
    [ -f "$work/done" ] || fail "the target did not run to its end after the collector died"
    "$check" killed "$work/c.dxgcap" 50 || fail "capture not readable up to the kill"
    ;;
disk-full)
    # The disk fills up mid-run (a file-size limit put on the running collector, as prlimit
    # does): the target runs on; the capture says it was cut, with EFBIG, and dxgcap exits 1
    # though the target succeeded, so a script does not take the capture for a whole one.
    "$dxgcap" record -o "$work/c.dxgcap" -- "$target" slow 2 "$work/pid" "$work/done" 2>"$work/err" &
    collector=$!
    sleep 0.3
    prlimit --pid $collector --fsize=200000:200000 || fail "prlimit failed"
    wait $collector
    status=$?
    [ $status -eq 1 ] || fail "status $status, want 1: $(cat "$work/err")"
    [ -f "$work/done" ] || fail "the target did not run to its end"
    grep -q "was cut" "$work/err" || fail "dxgcap did not say the capture was cut: $(cat "$work/err")"
    "$check" cut "$work/c.dxgcap" 27 || fail "capture not marked cut with EFBIG"
    ;;
session-limit)
    # A file-size limit below the session memory: a clear refusal, not a crash.
    ( ulimit -f 64; "$dxgcap" record -o "$work/c.dxgcap" -- true ) 2>"$work/err"
    [ $? -eq 1 ] || fail "expected status 1"
    grep -q "session memory" "$work/err" || fail "not explained: $(cat "$work/err")"
    ;;
size-limit)
    "$dxgcap" record --limit-size 100000 -o "$work/c.dxgcap" -- "$target" threads 2 20000 || fail "status $?"
    size=$(stat -c %s "$work/c.dxgcap")
    [ "$size" -le 100200 ] || fail "capture is $size bytes, over the limit"
    "$dxgcap" info "$work/c.dxgcap" >"$work/info"
    grep -q "end: complete: the size limit was reached" "$work/info" || fail "size limit not named: $(cat "$work/info")"
    grep -q "events lost: 0$" "$work/info" && fail "the events not written after the limit are not counted"
    head -c 100 "$work/c.dxgcap" >"$work/short.dxgcap"
    "$dxgcap" info "$work/short.dxgcap" | grep -q "state: complete (so its preamble says; the file is cut short)" ||
        fail "a file cut short is called complete: $("$dxgcap" info "$work/short.dxgcap")"
    "$dxgcap" dump "$work/c.dxgcap" | grep -q "END reason=2 (size_limit)" || fail "END should name the size limit"
    ;;
claim-in-handler)
    # SIGCHLD comes while a thread claims its first ring, and its handler reaps a child: the probe
    # takes the signal once the claim is done (the program checks that, and that no ring of the
    # ended thread stays active), and both the thread's wait and the handler's are recorded.
    "$dxgcap" record -o "$work/c.dxgcap" -- "$(dirname "$target")/claim_in_handler" >"$work/pids" 2>"$work/err" ||
        fail "status $?: $(cat "$work/err")"
    read -r a b <"$work/pids"
    "$dxgcap" dump "$work/c.dxgcap" >"$work/dump"
    for child in "$a" "$b"; do
        [ "$(grep -c "PROCESS op=6 (reaped) other=$child status=0 " "$work/dump")" -eq 1 ] ||
            fail "the wait for $child not recorded once: $(grep PROCESS "$work/dump")"
    done
    grep -q "LOST" "$work/dump" && fail "events were lost: $(grep LOST "$work/dump")"
    ;;
reap)
    # Children the recorded program reaps itself: their parent's wait gives their status (a return
    # from main, a signal), which the probe cannot learn in the child.
    "$dxgcap" record -o "$work/c.dxgcap" -- "$target" reap >"$work/pids" || fail "target status $?"
    read -r a b c <"$work/pids"
    "$dxgcap" dump "$work/c.dxgcap" >"$work/dump"
    for want in "other=$a status=7" "other=$b status=-11" "other=$c status=3"; do
        [ "$(grep -c "PROCESS op=6 (reaped) $want " "$work/dump")" -eq 1 ] ||
            fail "not one reaped record with $want: $(grep PROCESS "$work/dump")"
    done
    "$dxgcap" info "$work/c.dxgcap" >"$work/info"
    grep -q "^  $a .*(exit 7)" "$work/info" || fail "info: $a should exit 7: $(cat "$work/info")"
    grep -q "^  $b .*(killed by signal 11)" "$work/info" || fail "info: $b should be killed by signal 11: $(cat "$work/info")"
    ;;
time-limit)
    # The capture ends when the limit stopped it, not when CMD exits later; END still has CMD's status.
    "$dxgcap" record --limit-time 1 -o "$work/c.dxgcap" -- sh -c 'sleep 4; exit 5'
    [ $? -eq 5 ] || fail "record should exit with CMD's status"
    "$dxgcap" info "$work/c.dxgcap" >"$work/info"
    grep -q "end: complete: the time limit was reached" "$work/info" || fail "time limit not named: $(cat "$work/info")"
    seconds=$(sed -n 's/.*duration: \([0-9]*\)\..*/\1/p' "$work/info")
    [ -n "$seconds" ] && [ "$seconds" -lt 3 ] || fail "the capture lasts until CMD exited: $(cat "$work/info")"
    "$dxgcap" dump "$work/c.dxgcap" | grep -q "END reason=3 (time_limit) status=5" || fail "END lost CMD's status"
    ;;
kernel-log)
    # dxgkrnl's lines in the kernel log become LOG records naming no call (a file stands in for
    # /dev/kmsg); other lines and lines from before the recording are left out.
    kmsg="$work/kmsg"
    printf '3,1,1,-;misc dxg: dxgk: dxgkio_lock2: Ioctl failed: -14\n' >"$kmsg"
    DXGSCOPE_KMSG="$kmsg" "$dxgcap" record -o "$work/c.dxgcap" -- sh -c "printf '6,2,2,-;eth0: link up\n3,3,3,-;misc dxg: dxgk: dxgkio_make_resident: Ioctl failed: -12\n SUBSYSTEM=misc\n' >>'$kmsg'" ||
        fail "status $?"
    "$dxgcap" dump "$work/c.dxgcap" >"$work/dump"
    grep -q 'LOG .*level=3 cause=#0 .*\[    0\.000003\] misc dxg: dxgk: dxgkio_make_resident: Ioctl failed: -12' "$work/dump" ||
        fail "the dxg line is not a LOG record led by the kernel's time: $(grep ' LOG ' "$work/dump")"
    [ "$(grep -c ' LOG ' "$work/dump")" = 1 ] || fail "other lines were recorded: $(grep ' LOG ' "$work/dump")"
    grep -q "kernel_log=$kmsg" "$work/dump" || fail "SESSION does not say the kernel log was read"
    DXGSCOPE_KMSG=/nonexistent/kmsg "$dxgcap" record -o "$work/d.dxgcap" -- true 2>"$work/err" ||
        fail "an unreadable kernel log stopped the recording"
    grep -q "cannot read the kernel log /nonexistent/kmsg (No such file or directory)" "$work/err" || fail "not explained"
    "$dxgcap" dump "$work/d.dxgcap" | grep -q "kernel_log=off: /nonexistent/kmsg" || fail "SESSION does not say why"
    DXGSCOPE_KMSG="$kmsg" "$dxgcap" record --no-kernel-log -o "$work/e.dxgcap" -- true || fail "status $?"
    "$dxgcap" dump "$work/e.dxgcap" | grep -q "kernel_log=off: --no-kernel-log" || fail "--no-kernel-log not said"
    ;;
bad-args)
    "$dxgcap" record 2>/dev/null; [ $? -eq 2 ] || fail "no command should be a usage error"
    "$dxgcap" record --limit-size x -- true 2>/dev/null; [ $? -eq 2 ] || fail "bad size accepted"
    "$dxgcap" record -o /nonexistent/dir/c.dxgcap -- true 2>"$work/err"; [ $? -eq 1 ] || fail "unwritable output"
    grep -q "cannot create" "$work/err" || fail "unwritable output not explained"
    "$dxgcap" info /nonexistent 2>/dev/null; [ $? -eq 1 ] || fail "info on a missing file"
    echo "not a capture" >"$work/text"
    "$dxgcap" dump "$work/text" 2>"$work/err"; [ $? -eq 1 ] || fail "dump of a text file"
    grep -q "not a readable capture" "$work/err" || fail "text file not explained"
    # a simulator that refuses its arguments: status 1, said, and no capture of nothing left behind
    "$dxgcap" record --sim-arg --no-such-sim-option -o "$work/nosim.dxgcap" -- true 2>"$work/err"
    [ $? -eq 1 ] || fail "a simulator that did not start is not an error"
    grep -q "dxgsim did not start" "$work/err" || fail "not explained: $(cat "$work/err")"
    [ ! -e "$work/nosim.dxgcap" ] || fail "a capture of nothing was left behind"
    echo "an earlier file" >"$work/kept"
    "$dxgcap" record --sim-arg --no-such-sim-option -o "$work/kept" -- true 2>/dev/null
    [ -e "$work/kept" ] || fail "a path that was there before was removed"
    # a device is written, not synced or given a mode: /dev/null stays usable and the record is no failure
    mode=$(stat -c %a /dev/null)
    "$dxgcap" record -o /dev/null -- true 2>"$work/err" || fail "recording to /dev/null failed: $(cat "$work/err")"
    [ "$(stat -c %a /dev/null)" = "$mode" ] || fail "/dev/null's mode changed to $(stat -c %a /dev/null)"
    ;;
*)
    fail "unknown scenario"
    ;;
esac
echo "ok $scenario"
