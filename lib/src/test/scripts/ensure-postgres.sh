#!/usr/bin/env bash
# Gives the PostgreSQL pool specs (dev.aio4j.db) a real server on 127.0.0.1:5432 with role and database
# `aio4j` (password `aio4j`): Debian's `postgresql`, installed with apt when missing, its cluster started
# with pg_ctlcluster (PostgreSQL refuses to run as root; pg_ctlcluster runs it as the postgres user).
# `mvn verify` runs this (lib module, phase process-test-classes). Idempotent. Argument: Maven's
# ${skipTests}. Set AIO4J_PG_URL to use an existing server instead (then this does nothing), or
# AIO4J_SKIP_PG_TESTS=1 to skip the PostgreSQL specs. Not root: nothing is installed, and the specs
# skip with the reason if no server answers.
set -euo pipefail
if [[ "${1:-}" == true || "${AIO4J_SKIP_PG_TESTS:-}" == 1 || -n "${AIO4J_PG_URL:-}" ]]; then exit 0; fi
if [[ "$(id -u)" != 0 ]]; then
  echo "ensure-postgres: not root; the PostgreSQL specs use 127.0.0.1:5432 if a server answers there" >&2
  exit 0
fi
if ! command -v pg_ctlcluster >/dev/null || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  command -v apt-get >/dev/null || { echo "ensure-postgres: no apt-get to install postgresql" >&2; exit 0; }
  echo "ensure-postgres: installing Debian's postgresql for the pool specs" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
version="$(ls /usr/lib/postgresql | sort -V | tail -1)"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  pg_createcluster "$version" main >/dev/null
fi
conf="/etc/postgresql/$version/main/postgresql.conf"
if ! grep -q "^listen_addresses = '127.0.0.1'" "$conf"; then
  echo "listen_addresses = '127.0.0.1'" >>"$conf"
  echo "port = 5432" >>"$conf"
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  pg_ctlcluster "$version" main start
fi
psql_as_postgres() { su postgres -s /bin/sh -c "psql -v ON_ERROR_STOP=1 -qtAX -p 5432 $*"; }
for _ in $(seq 1 50); do psql_as_postgres "-c 'select 1'" >/dev/null 2>&1 && break; sleep 0.2; done
if [[ "$(psql_as_postgres "-c \"select 1 from pg_roles where rolname = 'aio4j'\"")" != 1 ]]; then
  psql_as_postgres "-c \"create role aio4j login password 'aio4j'\""
fi
if [[ "$(psql_as_postgres "-c \"select 1 from pg_database where datname = 'aio4j'\"")" != 1 ]]; then
  psql_as_postgres "-c \"create database aio4j owner aio4j\""
fi
