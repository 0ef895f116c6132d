#!/usr/bin/env bash
# Builds the JMH benchmarks (Maven profile `bench` of demo) and runs them with settings sized for a
# 2-core machine. Results: demo/bench/out/results.{txt,json} (git-ignored); record notable runs in
# demo/bench/RESULTS.md.
#
# Usage:  bash demo/bench/run-jmh.sh [extra JMH options]
#   e.g.  bash demo/bench/run-jmh.sh -prof gc            # plus allocation per operation
#         bash demo/bench/run-jmh.sh -p n=100000 -f 1    # a quick look
# Env:    MVN_FLAGS   extra Maven flags (e.g. "-o", or "-Dmaven.repo.local=/path")
#         SKIP_BUILD=1  reuse demo/target/benchmarks.jar
#         BENCH       JMH include regex (default: TaskFanOutBenchmark)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # -am builds lib and server in the same reactor, so the benchmark jar holds this checkout's library
  # (not whatever aio4j-lib snapshot the local Maven repository has).
  mvn -B -q ${MVN_FLAGS:-} -pl demo -am -P bench package -DskipTests
fi

out=demo/bench/out
mkdir -p "$out"
java -jar demo/target/benchmarks.jar "${BENCH:-TaskFanOutBenchmark}" \
  -f 2 -wi 5 -i 10 -bm ss -tu ms \
  -rf json -rff "$out/results.json" \
  "$@" 2>&1 | tee "$out/results.txt"
