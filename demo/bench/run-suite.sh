#!/usr/bin/env bash
# The cross-runtime suite of issue 8 (W1-W4): aio4j through its Java facade against raw kotlinx
# coroutines, Java virtual threads (Temurin 25), CPython asyncio and Node.js, in one run, runtimes
# alternating round by round. Raw lines go to demo/bench/out/suite.txt, the summary (median and
# min-max per workload and runtime) to demo/bench/out/suite.md; copy notable runs into RESULTS.md.
#
# Usage:  bash demo/bench/run-suite.sh
# Env:    ROUNDS     rounds of alternation (default 3)
#         WORKLOADS  default "w1-100k w1 w2 w3 w4 w5" (w5, the HTTP fan-out, runs demo/bench/run-w5.sh)
#         RUNTIMES   default "aio4j kotlinx vthreads cpython node" (w1 also has aio4j-eager)
#         SKIP_BUILD=1  reuse demo/target/benchmarks.jar;  MVN_FLAGS  extra Maven flags (e.g. -o)
#         JAVA25     the JDK 21+ java for virtual threads (default: Temurin 25 under /usr/lib/jvm)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

rounds="${ROUNDS:-3}"
workloads="${WORKLOADS:-w1-100k w1 w2 w3 w4 w5}"
runtimes="${RUNTIMES:-aio4j kotlinx vthreads cpython node}"
java17="${JAVA17:-java}"
java25="${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -1)}"
jar=demo/target/benchmarks.jar
heap=(-Xms2g -Xmx4g)

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q ${MVN_FLAGS:-} -pl demo -am -P bench package -DskipTests
fi

out=demo/bench/out
mkdir -p "$out"
raw="$out/suite.txt"
{
  echo "# $(date -u +%FT%TZ) rounds=$rounds"
  echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr)"
  echo "# java17: $("$java17" -version 2>&1 | head -1); java25: $("$java25" -version 2>&1 | head -1)"
  echo "# python: $(python3 --version 2>&1); node: $(node --version)"
} > "$raw"

run() {   # runtime workload
  case "$1" in
    aio4j|aio4j-eager|kotlinx) "$java17" "${heap[@]}" -cp "$jar" dev.aio4j.demo.bench.Workloads "$2" "$1" 2 3 ;;
    vthreads)      "$java25" "${heap[@]}" -cp "$jar" dev.aio4j.demo.bench.Workloads "$2" "$1" 2 3 ;;
    cpython)       python3 demo/bench/workloads.py "$2" 0 1 ;;
    node)          node --expose-gc --max-old-space-size=4096 demo/bench/workloads.js "$2" 1 2 ;;
  esac
}

# W6 (wrk against two HTTP servers) has its own script; WORKLOADS=w6 runs it after the others.
run_w6=0; if [[ " $workloads " == *" w6 "* ]]; then run_w6=1; workloads=" $workloads "; workloads="${workloads// w6 / }"; fi

for round in $(seq 1 "$rounds"); do
  for w in $workloads; do
    [[ "$w" == w5 ]] && continue   # W5 has its own driver (a server process, HTTP clients): run below
    for rt in $runtimes $([[ "$w" == w1* && " $runtimes " == *" aio4j "* ]] && echo aio4j-eager); do
      echo "round $round: $w on $rt" >&2
      run "$rt" "$w" | grep '^RESULT' | tee -a "$raw" >&2 || echo "FAILED $w $rt" | tee -a "$raw" >&2
    done
  done
done

if (( run_w6 )); then SKIP_BUILD="${SKIP_BUILD:-0}" ROUNDS="$rounds" bash demo/bench/run-w6.sh; fi
python3 demo/bench/summarize.py "$raw" | tee "$out/suite.md"

# W5: N concurrent GETs of a 1 s delay endpoint (demo/bench/run-w5.sh; its summary goes to out/w5.md)
if [[ " $workloads " == *" w5 "* ]]; then
  SKIP_BUILD=1 ROUNDS="$rounds" bash demo/bench/run-w5.sh | tee -a "$out/suite.md"
fi

# The chart of W1-W5 against the comparators (one bar chart per workload): out/suite.png
java -cp "$jar" dev.aio4j.demo.SuiteChart "$out/suite.png" "$raw" $([[ -f "$out/w5.txt" && " $workloads " == *" w5 "* ]] && echo "$out/w5.txt")
