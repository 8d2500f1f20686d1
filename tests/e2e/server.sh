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
# Everything the server logs is kept beside its output for the check that
# no secret reaches a log (tests/e2e/log-secrets.mjs, after the suite).
log="$ROOT/target/e2e-server-$port.log"
exec > >(tee "$log") 2>&1
# The suite sends far more reports, and guesses more passwords, from one
# address than a person does (the limits themselves are tested in
# server/tests/rate_limit.rs and login_throttle.rs).
LAPOR_ADDR="127.0.0.1:$port" LAPOR_DATA_DIR="$data" LAPOR_DIST_DIR="$ROOT/dist" LAPOR_DEMO=1 LAPOR_SUBMIT_LIMIT=2000/600 \
  LAPOR_LOGIN_LIMIT=200/600 \
  exec "$bin"
