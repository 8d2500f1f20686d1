#!/usr/bin/env bash
# Runs a command next to a throwaway PostgreSQL server:
#   bash scripts/with-postgres.sh cargo test -p lapor-server
# Starts Debian's PostgreSQL (installed by `scripts/setup.sh --test`) as the
# `postgres` user on 127.0.0.1 in a fresh temporary directory, with a role
# `lapor` (password `lapor`, may create databases), exports
#   LAPOR_TEST_DATABASE_URL=postgres://lapor:lapor@127.0.0.1:<port>/postgres
# (and LAPOR_PG_SERVER, the same URL without the database name), runs the
# command, then always stops the server and deletes the directory. Tuned for
# tests (fsync off) unless LAPOR_PG_DURABLE=1 (the benchmark: PostgreSQL's
# durable defaults). Never point it at data you want to keep.
# PGPORT picks the port (default: the first free one from 55432).
set -euo pipefail

say() { printf '\033[1m[postgres]\033[0m %s\n' "$*" >&2; }
[[ $# -gt 0 ]] || { echo "usage: $0 command [args…]" >&2; exit 2; }

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [[ -z "$bindir" || ! -x "$bindir/initdb" ]]; then
  echo "PostgreSQL is not installed: run 'bash scripts/setup.sh --test' (Debian package postgresql)" >&2
  exit 1
fi

# The server refuses to run as root: run its tools as `postgres` when root.
as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=${PGPORT:-}
if [[ -z "$port" ]]; then
  for p in $(seq 55432 55500); do
    if port_free "$p"; then port=$p; break; fi
  done
fi
[[ -n "$port" ]] || { echo "no free port for PostgreSQL in 55432-55500" >&2; exit 1; }

dir=$(mktemp -d -t lapor-pg.XXXXXX)
chmod 755 "$dir"
[[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
cleanup() {
  local rc=$?
  if [[ -f "$dir/data/postmaster.pid" ]]; then
    as_pg "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
  exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "initdb in $dir ($("$bindir/postgres" --version))"
as_pg "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
opts="-h 127.0.0.1 -k $dir -c max_connections=300"
[[ "${LAPOR_PG_DURABLE:-0}" == 1 ]] || opts+=" -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
# A port that looked free can be taken meanwhile (another test run, a server
# still shutting down): try the next free ones before giving up.
started=0
for _ in 1 2 3 4 5; do
  if as_pg "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -o "$opts -p $port" start >/dev/null; then
    started=1; break
  fi
  grep -q "Address already in use" "$dir/server.log" || break
  say "port $port is taken; trying another"
  for p in $(seq $((port + 1)) 55600); do
    if port_free "$p"; then port=$p; break; fi
  done
done
[[ $started -eq 1 ]] || { cat "$dir/server.log" >&2; exit 1; }
as_pg "$bindir/psql" -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
  -c "CREATE ROLE lapor LOGIN CREATEDB PASSWORD 'lapor'" -c "CREATE DATABASE lapor OWNER lapor" >/dev/null
say "listening on 127.0.0.1:$port"

export LAPOR_PG_SERVER="postgres://lapor:lapor@127.0.0.1:$port"
export LAPOR_TEST_DATABASE_URL="$LAPOR_PG_SERVER/postgres"
"$@"
