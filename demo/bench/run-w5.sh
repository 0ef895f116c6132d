#!/usr/bin/env bash
# W5 of issue 8 = the benchmark of issue 4: N concurrent GETs of the demo server's /delay/1, the
# server (dev.aio4j.server.Main, Ktor on Netty) in its own process on 127.0.0.1, against aio4j's
# ClientSession and its comparators: raw Ktor CIO with raised limits, the JDK HttpClient (HTTP/1.1,
# virtual threads, Temurin 25), Node's `http` and CPython asyncio (open_connection). Runtimes alternate
# within each round; every client process first does warm-up fan-outs of the same N on /delay/0, at
# least WARMUPS of them and at least WARMUP_REQUESTS requests in all (the JVM clients need them for the
# JIT: after 2 fan-outs of 100, C2 has not compiled Ktor's request path yet, and sending 100 requests
# takes 0.25 s instead of 0.07 s), then DELAYED_WARMUPS fan-outs of the measured /delay/1 itself, whose
# figures go to the clients' log only: a response that waits a second takes code paths /delay/0 does
# not, and after /delay/0 alone C2 was still the busiest thread of a JVM client through its first
# measured fan-outs (RESULTS.md, session 7). Every runtime gets the same warm-up. Raw lines go to
# demo/bench/out/w5.txt, the summary (median, min-max of wall time, failures per N) to out/w5.md.
#
# Usage:  bash demo/bench/run-w5.sh
# Env:    ROUNDS    rounds of alternation (default 3)
#         NS           default "5 10 20 50 100 1000 10000"
#         W5_RUNTIMES  default "aio4j ktor-cio jdk-http node cpython"
#         WARMUPS   warm-up fan-outs (of /delay/0) per client process before the measured one, at least (default 2)
#         WARMUP_REQUESTS  warm-up requests per client process, at least (default 6000; 0 = WARMUPS alone)
#         DELAYED_WARMUPS  unrecorded fan-outs of /delay/1 per client process before the measured one (default 4)
#         SEQ=1     also time aio4j sequentially for N = 5 and 10 (the seeds' sequential column)
#         SERVER_URL  use a running server (e.g. http://127.0.0.1:8080) instead of starting one
#         SKIP_BUILD=1  reuse demo/target/benchmarks.jar;  MVN_FLAGS  extra Maven flags (e.g. -o)
#         JAVA25    the JDK 21+ java for the JDK HttpClient on virtual threads (default: Temurin 25)
# As root it raises net.core.somaxconn and net.ipv4.tcp_max_syn_backlog to 65535 for the run (Netty
# takes its accept backlog from somaxconn) and puts them back afterwards; it raises `ulimit -n` for
# the server and the clients either way.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

rounds="${ROUNDS:-3}"
warmups="${WARMUPS:-2}"
warmup_requests="${WARMUP_REQUESTS:-6000}"
delayed_warmups="${DELAYED_WARMUPS:-4}"
ns="${NS:-5 10 20 50 100 1000 10000}"
runtimes="${W5_RUNTIMES:-aio4j ktor-cio jdk-http node cpython}"
java17="${JAVA17:-java}"
java25="${JAVA25:-$(ls -d /usr/lib/jvm/temurin-25*/bin/java 2>/dev/null | head -1)}"
jar=demo/target/benchmarks.jar
out=demo/bench/out
mkdir -p "$out"
raw="$out/w5.txt"

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
ulimit -n 65536 2>/dev/null || ulimit -n 20000 2>/dev/null || true

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  mvn -B -q ${MVN_FLAGS:-} -pl demo -am -P bench package -DskipTests
fi

restore=()
if [[ $(id -u) == 0 ]]; then
  for key in net.core.somaxconn net.ipv4.tcp_max_syn_backlog; do
    old=$(sysctl -n "$key")
    if sysctl -q -w "$key=65535" 2>/dev/null; then restore+=("$key=$old"); fi
  done
fi

server_pid=
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  for kv in "${restore[@]}"; do sysctl -q -w "$kv" || true; done
}
trap cleanup EXIT

if [[ -n "${SERVER_URL:-}" ]]; then
  base="$SERVER_URL"
else
  "$java17" -Xms1g -Xmx2g -cp "$jar" dev.aio4j.server.Main --port 0 --chat-port 0 > "$out/w5-server.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 1 100); do
    base=$(sed -n 's/^Listening on \(http:[^ ]*\).*/\1/p' "$out/w5-server.log" | head -1)
    [[ -n "$base" ]] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$out/w5-server.log" >&2; exit 1; }
    sleep 0.2
  done
  [[ -n "$base" ]] || { echo "the server did not start" >&2; exit 1; }
fi
url="${base%/}/delay/1"

{
  echo "# $(date -u +%FT%TZ) w5 rounds=$rounds url=$url warm-up: >= $warmups fan-outs, >= $warmup_requests requests of /delay/0, then $delayed_warmups of /delay/1"
  echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# ulimit -n $(ulimit -n); somaxconn $(sysctl -n net.core.somaxconn); tcp_max_syn_backlog $(sysctl -n net.ipv4.tcp_max_syn_backlog)"
  echo "# java17: $("$java17" -version 2>&1 | head -1); java25: $("$java25" -version 2>&1 | head -1)"
  echo "# python: $(python3 --version 2>&1); node: $(node --version)"
} > "$raw"

run() {   # runtime n [reps] (a client that hangs is stopped after 10 minutes and shows as FAILED)
  local fanouts=$(( (warmup_requests + $2 - 1) / $2 ))   # warm-up fan-outs of this N
  if (( fanouts < warmups )); then fanouts=$warmups; fi
  local reps="${3:-1}"
  case "$1" in
    aio4j|aio4j-seq|ktor-cio) timeout 600 "$java17" -Xms1g -Xmx2g -cp "$jar" dev.aio4j.demo.bench.FanOut "$1" "$url" "$2" "$fanouts" "$reps" ;;
    jdk-http) timeout 600 "$java25" -Xms1g -Xmx2g -cp "$jar" dev.aio4j.demo.bench.FanOut "$1" "$url" "$2" "$fanouts" "$reps" ;;
    node)     timeout 600 node demo/bench/w5_fanout.js "$url" "$2" "$fanouts" "$reps" ;;
    cpython)  timeout 600 python3 demo/bench/w5_fanout.py "$url" "$2" "$fanouts" "$reps" ;;
  esac
}

measured_result() {   # count: of that many RESULT lines keeps the last; the others go to the clients' log
  local lines
  mapfile -t lines < <(grep '^RESULT')
  (( ${#lines[@]} == $1 )) || return 1   # a client that stopped early has no measured fan-out
  for line in "${lines[@]:0:$1-1}"; do echo "warm-up $line" >> "$out/w5-clients.log"; done
  echo "${lines[$1-1]}"
}

if [[ "${SEQ:-0}" == 1 ]]; then
  for n in 5 10; do
    run aio4j-seq "$n" | grep '^RESULT' | tee -a "$raw" >&2 || echo "FAILED w5-$n aio4j-seq" | tee -a "$raw" >&2
  done
fi
for round in $(seq 1 "$rounds"); do
  for n in $ns; do
    for rt in $runtimes; do
      echo "round $round: w5-$n on $rt" >&2
      run "$rt" "$n" $(( delayed_warmups + 1 )) 2>>"$out/w5-clients.log" \
        | measured_result $(( delayed_warmups + 1 )) | tee -a "$raw" >&2 \
        || echo "FAILED w5-$n $rt" | tee -a "$raw" >&2
    done
  done
done

python3 demo/bench/w5_summary.py "$raw" | tee "$out/w5.md"
