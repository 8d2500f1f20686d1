#!/usr/bin/env bash
# The one command that builds and runs LAPOR!: server + app on one port,
# embedded SQLite, demo data and demo accounts.
#   bash scripts/run.sh
# Settings (environment): LAPOR_ADDR (default 127.0.0.1:8080), DATABASE_URL,
# LAPOR_DATA_DIR (default ./lapor-data), LAPOR_DEMO (default 1 here), LAPOR_FRESH=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh
bash scripts/build.sh server
export LAPOR_DEMO="${LAPOR_DEMO:-1}"
export LAPOR_DIST_DIR="${LAPOR_DIST_DIR:-$ROOT/dist}"
export LAPOR_DATA_DIR="${LAPOR_DATA_DIR:-$ROOT/lapor-data}"
echo "[run] LAPOR! at http://${LAPOR_ADDR:-127.0.0.1:8080} (Ctrl+C stops)"
exec target/server/lapor-server "$@"
