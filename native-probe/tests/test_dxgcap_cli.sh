#!/bin/sh
# dxgcap's command line: clear errors and exit codes for bad arguments and missing devices.
set -u
dxgcap=$1
fail=0
check() { # expected-status description command...
    want=$1; what=$2; shift 2
    out=$("$@" 2>&1); got=$?
    if [ "$got" != "$want" ]; then echo "FAIL $what: status $got, want $want: $out"; fail=1; fi
}
check 2 "no command" "$dxgcap"
check 2 "unknown command" "$dxgcap" frobnicate
check 0 "help" "$dxgcap" --help
check 0 "version" "$dxgcap" version
check 0 "record help" "$dxgcap" record --help
"$dxgcap" record --help | grep -q "^exit status:" || { echo "FAIL: record --help says nothing of its exit status"; fail=1; }
"$dxgcap" record -h | grep -q -- "--fence-sample-ms MS" || { echo "FAIL: record -h does not explain its options"; fail=1; }
check 2 "bad record option" "$dxgcap" record --bogus -- true
for c in dump info snapshot demo adapters abi; do
    check 0 "$c --help" "$dxgcap" $c --help
done
check 2 "help of an unknown command" "$dxgcap" frobnicate --help
check 2 "bad adapters argument" "$dxgcap" adapters --bogus
check 1 "missing device" "$dxgcap" adapters --device /nonexistent/dxg
"$dxgcap" adapters --device /nonexistent/dxg 2>&1 | grep -q "ENOENT" || { echo "FAIL: ENOENT not named"; fail=1; }
"$dxgcap" adapters --device /dev/null 2>&1 | grep -q "ENOTTY" || { echo "FAIL: ENOTTY not named"; fail=1; }
exit $fail
