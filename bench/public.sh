#!/usr/bin/env bash
# Latency of the public list over 100,000 reports (server/examples/public_bench.rs):
# a word search, a two-word prefix search, a filtered search, page 1, page 1
# of a regency, a page 4,000 rows deep by the cursor, and Open311
# requests.json; each answer with its counts, over HTTP on loopback,
# median and p95 of 30 runs. First on SQLite, then on a throwaway PostgreSQL
# (scripts/with-postgres.sh, durable defaults). About a minute per database
# after the build.
#   bash bench/public.sh          # ROWS=… RUNS=… to change
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ROWS=${ROWS:-100000}
RUNS=${RUNS:-30}
cargo build --profile server -p lapor-server --example public_bench >/dev/null
bench=target/server/examples/public_bench

echo "== public list: search and deep pages over $ROWS reports =="
RUST_LOG=warn "$bench" --rows "$ROWS" --runs "$RUNS" --label sqlite
LAPOR_PG_DURABLE=1 bash scripts/with-postgres.sh bash -c \
  "RUST_LOG=warn '$bench' --rows '$ROWS' --runs '$RUNS' --label postgresql --database-url \"\$LAPOR_PG_SERVER/lapor\""
