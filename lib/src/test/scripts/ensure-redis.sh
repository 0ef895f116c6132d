#!/usr/bin/env bash
# Gives the Redis specs (dev.aio4j.cache / dev.aio4j.redis, issue 7) a real Redis on 127.0.0.1:6379:
# Debian's redis-server, installed with apt when it is missing and this runs as root, then started
# (idempotently: nothing happens if something already answers there). `mvn verify` runs this (lib module,
# phase process-test-classes). Argument: Maven's ${skipTests}.
# AIO4J_REDIS_URL (e.g. redis://host:6379) points the specs at an existing server instead; then this does
# nothing. Not root and nothing reachable: the Redis specs skip and print why.
set -euo pipefail
if [[ "${1:-}" == true || -n "${AIO4J_REDIS_URL:-}" ]]; then exit 0; fi
answers() { (exec 3<>/dev/tcp/127.0.0.1/6379 && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null; }
if answers; then exit 0; fi
if [[ "$(id -u)" != 0 ]]; then
  echo "ensure-redis: nothing answers on 127.0.0.1:6379 and not root: the Redis specs will skip" >&2
  exit 0
fi
if ! command -v redis-server >/dev/null; then
  if ! command -v apt-get >/dev/null; then
    echo "ensure-redis: no redis-server and no apt-get: the Redis specs will skip" >&2
    exit 0
  fi
  echo "ensure-redis: installing Debian's redis-server for the Redis specs" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
fi
echo "ensure-redis: starting redis-server on 127.0.0.1:6379" >&2
redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save '' --appendonly no >/dev/null
for _ in $(seq 1 50); do
  if answers; then exit 0; fi
  sleep 0.1
done
echo "ensure-redis: redis-server did not answer on 127.0.0.1:6379 within 5 s" >&2
exit 1
