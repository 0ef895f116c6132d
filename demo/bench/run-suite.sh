#!/usr/bin/env bash
# The cross-runtime suite of issue 8 (W1-W6): aio4j through its Java facade against raw kotlinx
# coroutines, Java virtual threads (Temurin 25), CPython asyncio and Node.js (W5 also raw Ktor CIO and
# the JDK HttpClient; W6 Node's `http` server), in one run, runtimes alternating round by round. Raw
# lines go to demo/bench/out/suite.txt (W5: out/w5.txt, W6: out/w6.txt), the summary (median and
# min-max per workload and runtime) to demo/bench/out/suite.md, the chart to out/suite.png; the
# summary, with this command and the machine's facts, is also put at the top of
# demo/bench/RESULTS.md as a new section (WRITE_RESULTS=0 to leave RESULTS.md alone).
#
# Usage:  bash demo/bench/run-suite.sh
# Env:    ROUNDS     rounds of alternation (default 3)
#         WORKLOADS  default "w1-100k w1 w2 w3 w4 w5 w6" (w5, the HTTP fan-out, runs demo/bench/run-w5.sh;
#                    w6, wrk against two servers, runs demo/bench/run-w6.sh)
#         RUNTIMES   default "aio4j kotlinx vthreads cpython node" (w1 also has aio4j-eager)
#         SKIP_BUILD=1  reuse demo/target/benchmarks.jar;  MVN_FLAGS  extra Maven flags (e.g. -o)
#         JAVA25     the JDK 21+ java for virtual threads (default: Temurin 25 under /usr/lib/jvm)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

rounds="${ROUNDS:-3}"
workloads="${WORKLOADS:-w1-100k w1 w2 w3 w4 w5 w6}"
command_line="ROUNDS=$rounds WORKLOADS=\"$workloads\""
for v in RUNTIMES NS WARMUPS WARMUP_REQUESTS DELAYED_WARMUPS W5_RUNTIMES CONNS DURATION WARMUP SKIP_BUILD MVN_FLAGS; do   # the settings that change figures
  if [[ -n "${!v:-}" ]]; then command_line+=" $v=\"${!v}\""; fi
done
command_line+=" bash demo/bench/run-suite.sh"
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

# W6 (wrk against two HTTP servers) has its own script; it runs after the others.
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

python3 demo/bench/summarize.py "$raw" | tee "$out/suite.md"

# W5: N concurrent GETs of a 1 s delay endpoint (demo/bench/run-w5.sh; its summary goes to out/w5.md)
if [[ " $workloads " == *" w5 "* ]]; then
  SKIP_BUILD=1 ROUNDS="$rounds" bash demo/bench/run-w5.sh | tee -a "$out/suite.md"
fi

# W6: wrk on GET /json, the demo server against Node's http (its summary goes to out/w6.md). It
# needs the server's classpath file of a build; without one it builds even under SKIP_BUILD=1.
if (( run_w6 )); then
  w6_skip=0; [[ "${SKIP_BUILD:-0}" == 1 && -f server/target/w6-classpath.txt ]] && w6_skip=1
  SKIP_BUILD="$w6_skip" ROUNDS="$rounds" bash demo/bench/run-w6.sh > /dev/null
  { echo; cat "$out/w6.md"; } | tee -a "$out/suite.md"
fi

# The chart of W1-W5 against the comparators (one bar chart per workload): out/suite.png
charted=("$raw"); chart=""
if [[ -f "$out/w5.txt" && " $workloads " == *" w5 "* ]]; then charted+=("$out/w5.txt"); fi
if grep -q '^RESULT' "${charted[@]}"; then
  java -cp "$jar" dev.aio4j.demo.SuiteChart "$out/suite.png" "${charted[@]}"
  chart="$out/suite.png"
fi

# The run's section at the top of RESULTS.md: the command, the commit, then the summary as printed.
if [[ "${WRITE_RESULTS:-1}" == 1 ]]; then
  python3 demo/bench/prepend_results.py demo/bench/RESULTS.md "$out/suite.md" "$command_line" \
    "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' plus uncommitted changes')" \
    $chart
fi
