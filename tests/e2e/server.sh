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
LAPOR_ADDR="127.0.0.1:$port" LAPOR_DATA_DIR="$data" LAPOR_DIST_DIR="$ROOT/dist" LAPOR_DEMO=1 \
  exec "$bin"
