#!/usr/bin/env bash
# Runs the dxgscope benchmarks and prints ratios against baselines measured in the same run:
# the probe (native-probe/bench/probe_overhead.sh) and the Java reader and model (JMH, releng/benchmarks).
# Takes a few minutes; not part of the test command (timings do not belong in tests).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
# shellcheck source=env.sh
source releng/scripts/env.sh
"$DXGSCOPE_MVN" -B -ntp -q -Pbench -DskipTests package
echo "== probe =="
native-probe/bench/probe_overhead.sh native-probe/target/build
echo "== simulator =="
native-probe/bench/sim_roundtrip.sh native-probe/target/build
echo "== Java (JMH) =="
"$JAVA_HOME/bin/java" -jar releng/benchmarks/target/benchmarks.jar "$@" | grep -v '^#\|^$\|Iteration\|Warmup' | tail -n 30
