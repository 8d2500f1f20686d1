#!/usr/bin/env bash
# Submissions per second: POST /api/v1/reports with valid, distinct bodies
# (2000 requests at concurrency 16 after 100 warm-up requests, at most 120 s
# each) against the server built with `--profile server`, on loopback, each
# setup on a fresh database:
#   1. SQLite, one instance;
#   2. PostgreSQL, one instance;
#   3. PostgreSQL, two instances (requests alternate between the two ports).
# PostgreSQL is a throwaway server (scripts/with-postgres.sh) with its durable
# defaults (fsync on), like SQLite's. Everything (load generator, servers,
# database) shares this machine's cores.
#   bash bench/submit.sh                      # REQUESTS=… CONCURRENCY=… to change
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
REQUESTS=${REQUESTS:-2000}
CONCURRENCY=${CONCURRENCY:-16}
WARMUP=${WARMUP:-100}
MAX_SECS=${MAX_SECS:-120}
bin=target/server/lapor-server
load=target/server/examples/load
work="$ROOT/target/bench-submit"

pids=()
stop_servers() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  pids=()
}
trap stop_servers EXIT

# start PORT DATABASE_URL: one server instance in the background, until healthy.
start() {
  local port=$1 url=$2
  LAPOR_ADDR=127.0.0.1:$port DATABASE_URL="$url" LAPOR_DATA_DIR="$work/data" LAPOR_DIST_DIR="$work/dist" \
    RUST_LOG=warn "$bin" >"$work/server-$port.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 150); do
    curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && return 0
    sleep 0.2
  done
  echo "server on port $port did not start:" >&2; cat "$work/server-$port.log" >&2; return 1
}

measure() {
  local label=$1; shift
  local args=()
  for port in "$@"; do args+=(--url "http://127.0.0.1:$port"); done
  "$load" --label "$label" "${args[@]}" --requests "$REQUESTS" --concurrency "$CONCURRENCY" \
    --warmup "$WARMUP" --max-secs "$MAX_SECS"
}

if [[ "${1:-}" == "--postgres" ]]; then
  # Inside scripts/with-postgres.sh: LAPOR_PG_SERVER is set.
  for n in 1 2; do
    psql -q "$LAPOR_PG_SERVER/postgres" -c "CREATE DATABASE bench_$n" >/dev/null
    url="$LAPOR_PG_SERVER/bench_$n"
    start 18111 "$url"
    ports=(18111)
    if [[ $n -eq 2 ]]; then start 18112 "$url"; ports+=(18112); fi
    measure "PostgreSQL, $n instance$([[ $n -eq 2 ]] && echo s)" "${ports[@]}"
    stop_servers
  done
  exit 0
fi

source scripts/setup.sh --test >/dev/null
cargo build -q -p lapor-server --profile server --bin lapor-server --example load
rm -rf "$work"; mkdir -p "$work/data" "$work/dist"
echo "== submissions per second ($REQUESTS requests, concurrency $CONCURRENCY, $(nproc) cores) =="
"$load" --header
start 18101 "sqlite://$work/data/lapor.db?mode=rwc"
measure "SQLite, 1 instance" 18101
stop_servers
LAPOR_PG_DURABLE=1 bash scripts/with-postgres.sh bash bench/submit.sh --postgres 2> >(grep -v '^\S*\[postgres\]' >&2)
