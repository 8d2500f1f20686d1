#!/usr/bin/env bash
# The benchmark: sizes of what a phone downloads (raw, gzip, brotli) and the
# time until /lapor is usable on emulated 3G (needs a build: scripts/build.sh),
# then public-list search and deep-page latency over 100,000 reports
# (bench/public.sh), then submissions per second on SQLite and PostgreSQL
# (bench/submit.sh).
#   bash bench/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh --test >/dev/null
[[ -f dist/index.html ]] || bash scripts/build.sh server

echo "== app files (bytes) =="
printf '%-44s %9s %9s %9s\n' file raw gzip brotli
for f in dist/*.wasm dist/*.js dist/*.css dist/index.html; do
  printf '%-44s %9d %9d %9d\n' "$(basename "$f")" "$(stat -c%s "$f")" "$(gzip -9c "$f" | wc -c)" "$(brotli -c -q 11 "$f" | wc -c)"
done

echo "== what the wasm is made of, by crate (uncompressed code before wasm-opt) =="
for bin in lapor-app lapor-admin; do
  node bench/wasm-crates.mjs "target/wasm32-unknown-unknown/release/$bin.wasm" 12
done

port=18090
data="$ROOT/target/bench-data"
rm -rf "$data"; mkdir -p "$data"
bin=target/server/lapor-server; [[ -x $bin ]] || bin=target/debug/lapor-server
LAPOR_ADDR=127.0.0.1:$port LAPOR_DATA_DIR="$data" LAPOR_DIST_DIR=dist LAPOR_DEMO=1 RUST_LOG=warn "$bin" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.2; done

echo "== first load of /lapor in Chromium, 360x740, cache disabled =="
node bench/first-load.mjs "http://127.0.0.1:$port" /lapor

echo "== requests per second over kept-alive connections (static file and lookup) =="
node bench/static-rate.mjs "http://127.0.0.1:$port"

echo "== a phone photo before and after downscaling in the browser =="
node bench/photo.mjs "http://127.0.0.1:$port"

echo
bash bench/public.sh

echo
[[ "${1:-}" == "--no-submit" ]] || bash bench/submit.sh
