#!/usr/bin/env bash
# W6 of issue 8: `wrk` on GET /json against aio4j's demo server (Ktor on Netty, server module) and a
# Node.js `http` server answering the same body with the same headers (demo/bench/w6_server.js),
# at 100 and 1,000 connections, alternating the two servers round by round. Both servers run as
# separate processes for the whole run and get the same warm-up before the first measured round.
#
# Usage:  bash demo/bench/run-w6.sh
# Env:    ROUNDS      measured rounds per connection count (default 5)
#         CONNS       default "100 1000";  DURATION  seconds per wrk run (default 10)
#         WARMUP      seconds of warm-up per server at 100 connections (default 20)
#         SERVER_JAVA_OPTS  JVM flags of the demo server (default: the tuned ones below)
#         W6_PORT     the demo server's port, Node's is the next one (default 18680)
#         SKIP_BUILD=1 reuse server/target;  MVN_FLAGS  extra Maven flags (e.g. -o)
# Output: raw lines in demo/bench/out/w6.txt, medians in demo/bench/out/w6.md (also printed).
# Per run it records req/s, p50/p99 latency (wrk --latency), socket errors, and the server process's
# CPU time per request (utime+stime from /proc, in microseconds): a figure that stays meaningful
# when other processes load the machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"

rounds="${ROUNDS:-5}"
conns="${CONNS:-100 1000}"
duration="${DURATION:-10}"
warmup="${WARMUP:-20}"
java_opts="${SERVER_JAVA_OPTS--Xms512m -Xmx512m -XX:+UseParallelGC}"
srv_port="${W6_PORT:-18680}"
node_port=$((srv_port + 1))

if ! command -v wrk >/dev/null; then
  if [[ "$(id -u)" == 0 ]]; then
    apt-get -o DPkg::Lock::Timeout=300 install -y wrk >/dev/null 2>&1 \
      || { apt-get update >/dev/null && apt-get -o DPkg::Lock::Timeout=300 install -y wrk >/dev/null; }
  else
    echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1
  fi
fi
ulimit -n "$(ulimit -Hn)"   # 1,000 connections on each side of loopback

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  # Reactor build (never install): lib compiled in-reactor, each module writes its runtime classpath.
  mvn -B -q ${MVN_FLAGS:-} -pl server -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/w6-classpath.txt -DincludeScope=runtime
fi
cp_server="server/target/classes:$(cat server/target/w6-classpath.txt)"

out=demo/bench/out
mkdir -p "$out"
raw="$out/w6.txt"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

wait_port() {   # port
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$1/json" >/dev/null && return 0
    sleep 0.2
  done
  echo "nothing answers on port $1" >&2; exit 1
}

for p in "$srv_port" "$node_port"; do
  if curl -s -o /dev/null "http://127.0.0.1:$p/"; then echo "port $p is already in use; set W6_PORT" >&2; exit 1; fi
done
# Same process for the whole run, as a deployed server would be. `exec` so $! is the JVM / node itself.
bash -c "exec java $java_opts -cp '$cp_server' dev.aio4j.server.Main --port $srv_port --chat-port 0" \
  > "$out/w6-server.log" 2>&1 &
aio4j_pid=$!; pids+=("$aio4j_pid")
node demo/bench/w6_server.js "$node_port" > "$out/w6-node.log" 2>&1 &
node_pid=$!; pids+=("$node_pid")
wait_port "$srv_port"; wait_port "$node_port"

{
  echo "# $(date -u +%FT%TZ) rounds=$rounds duration=${duration}s conns=$conns"
  echo "# machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, $(uname -sr), load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# java: $(java -version 2>&1 | head -1); opts: $java_opts; node: $(node --version); $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
} > "$raw"
cat "$raw" >&2

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
to_ms() {   # wrk latency such as 812.00us, 3.41ms, 1.02s
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; print n }'
}

measure() {   # runtime port pid connections label
  local before after file=$out/w6-last.txt
  before=$(cpu_ticks "$3")
  wrk -t2 -c"$4" -d"${duration}s" --latency "http://127.0.0.1:$2/json" > "$file" 2>&1 || true
  after=$(cpu_ticks "$3")
  local rps p50 p99 errors requests cpu_us
  rps=$(awk '/Requests\/sec/ {print $2}' "$file"); rps=${rps:-0}
  requests=$(awk '/requests in/ {print $1}' "$file"); requests=${requests:-0}
  p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$file")")
  p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$file")")
  errors=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10} /Non-2xx/ {print "non2xx=" $4}' "$file" | paste -sd' ')
  cpu_us=$(awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$requests" 'BEGIN { if (n > 0) printf "%.1f", t / hz * 1e6 / n; else print "nan" }')
  echo "$5 w6-c$4 $1 rps=$rps p50_ms=$p50 p99_ms=$p99 cpu_us_per_req=$cpu_us errors=${errors:-0}" | tee -a "$raw" >&2
}

echo "warm-up: ${warmup}s per server" >&2
for rt in aio4j node; do
  if [[ $rt == aio4j ]]; then port=$srv_port pid=$aio4j_pid; else port=$node_port pid=$node_pid; fi
  wrk -t2 -c100 -d"${warmup}s" "http://127.0.0.1:$port/json" > /dev/null 2>&1
done

for round in $(seq 1 "$rounds"); do
  for c in $conns; do
    # Alternate who goes first, so neither always runs right after the other's load.
    order="aio4j node"; (( round % 2 == 0 )) && order="node aio4j"
    for rt in $order; do
      if [[ $rt == aio4j ]]; then port=$srv_port pid=$aio4j_pid; else port=$node_port pid=$node_pid; fi
      measure "$rt" "$port" "$pid" "$c" "RESULT round=$round"
    done
  done
done

python3 - "$raw" <<'PY' | tee "$out/w6.md"
import re, statistics, sys
rows = {}
for line in open(sys.argv[1]):
    if not line.startswith("RESULT"): continue
    parts = line.split()
    key = (parts[2], parts[3])
    vals = dict(p.split("=", 1) for p in parts[4:] if "=" in p and not p.startswith("non2xx"))
    rows.setdefault(key, []).append({k: float(v) for k, v in vals.items()})
print("| workload | runtime | req/s median (min–max) | p50 ms | p99 ms | server CPU µs/req | errors | n |")
print("|---|---|---|---|---|---|---|---|")
ratios = []
for (w, rt), rs in sorted(rows.items()):
    med = lambda k: statistics.median(r[k] for r in rs)
    rps = [r["rps"] for r in rs]
    print(f"| {w} | {rt} | {med('rps'):,.0f} ({min(rps):,.0f}–{max(rps):,.0f}) | {med('p50_ms'):.2f} | "
          f"{med('p99_ms'):.2f} | {med('cpu_us_per_req'):.1f} | {sum(r['errors'] for r in rs):.0f} | {len(rs)} |")
for w in sorted({w for w, _ in rows}):
    a, n = rows.get((w, "aio4j")), rows.get((w, "node"))
    if a and n:
        m = lambda rs, k: statistics.median(r[k] for r in rs)
        print(f"\n{w}: aio4j/node req/s = {m(a, 'rps') / m(n, 'rps'):.2f}x (target >= 1.10x); "
              f"p99 aio4j {m(a, 'p99_ms'):.2f} ms vs node {m(n, 'p99_ms'):.2f} ms")
PY
