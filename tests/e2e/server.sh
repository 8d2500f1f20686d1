#!/usr/bin/env bash
# Starts the server built by scripts/build.sh on a fresh SQLite database with
# demo data, for the end-to-end tests. The data directory is wiped each start.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
port="${1:-18080}"
data="$ROOT/target/e2e-data-$port"
rm -rf "$data" && mkdir -p "$data"
bin="$ROOT/target/debug/lapor-server"
[[ -x "$bin" ]] || bin="$ROOT/target/server/lapor-server"
# The suite sends far more reports from one address than a person does (the
# limit itself is tested in server/tests/rate_limit.rs).
LAPOR_ADDR="127.0.0.1:$port" LAPOR_DATA_DIR="$data" LAPOR_DIST_DIR="$ROOT/dist" LAPOR_DEMO=1 LAPOR_SUBMIT_LIMIT=2000/600 \
  exec "$bin"
