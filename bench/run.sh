#!/usr/bin/env bash
# The benchmark: what each page transfers (brotli, against its budget), what
# each area's wasm is made of, each page's time until usable on emulated 3G
# and its Lighthouse scores (needs a build: scripts/build.sh; `--pages` stops
# there),
# then public-list search and deep-page latency over 100,000 reports
# (bench/public.sh), then submissions per second on SQLite and PostgreSQL
# (bench/submit.sh).
#   bash bench/run.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh --test >/dev/null
[[ -f dist/index.html ]] || bash scripts/build.sh server

echo "== what each page transfers to load, brotli as served (KB = 1000 bytes) =="
node scripts/page-sizes.mjs

echo "== what each area's wasm is made of, by crate (uncompressed code before wasm-opt) =="
for bin in lapor-home lapor-lapor lapor-saya lapor-lacak lapor-laporan lapor-admin; do
  node bench/wasm-crates.mjs "target/wasm32-unknown-unknown/release/$bin.wasm" 8
done

port=18090
data="$ROOT/target/bench-data"
rm -rf "$data"; mkdir -p "$data"
bin=target/server/lapor-server; [[ -x $bin ]] || bin=target/debug/lapor-server
LAPOR_ADDR=127.0.0.1:$port LAPOR_DATA_DIR="$data" LAPOR_DIST_DIR=dist LAPOR_DEMO=1 RUST_LOG=warn "$bin" &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null && break; sleep 0.2; done

echo "== first load of each page in Chromium, 360x740, cache disabled, unthrottled / Fast 3G / Slow 3G =="
node bench/first-load.mjs "http://127.0.0.1:$port" /lapor / /saya /lacak /laporan /admin \
  | node -e 'for (const l of require("fs").readFileSync(0, "utf8").trim().split("\n")) { const d = JSON.parse(l);
      console.log(`${d.path.padEnd(9)} ${d.profile.padEnd(12)} usable ${String(d.usable_ms).padStart(5)} ms  app ${String(d.app_ms).padStart(5)} ms  ${d.transferred_bytes} bytes`); }'

echo "== Lighthouse, mobile (its default throttling) =="
tools="$ROOT/target/bench-tools"
[[ -x "$tools/node_modules/.bin/lighthouse" ]] || npm install --prefix "$tools" --no-audit --no-fund --loglevel=error lighthouse@13 >/dev/null
for path in / /lapor /saya /lacak /laporan; do
  CHROME_PATH=/usr/bin/chromium "$tools/node_modules/.bin/lighthouse" "http://127.0.0.1:$port$path" --quiet \
    --only-categories=performance,accessibility --form-factor=mobile --output=json --output-path="$data/lh.json" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update --disable-sync --disable-quic --no-first-run" >/dev/null 2>&1 \
    && node -e 'const r = require(process.argv[1]); const a = r.audits; console.log(`${process.argv[2].padEnd(9)} performance ${Math.round(r.categories.performance.score * 100)}  accessibility ${Math.round(r.categories.accessibility.score * 100)}  FCP ${(a["first-contentful-paint"].numericValue / 1000).toFixed(1)} s  LCP ${(a["largest-contentful-paint"].numericValue / 1000).toFixed(1)} s  TBT ${Math.round(a["total-blocking-time"].numericValue)} ms  CLS ${a["cumulative-layout-shift"].numericValue.toFixed(3)}`)' "$data/lh.json" "$path" \
    || echo "$path: lighthouse failed"
done
[[ "${1:-}" == "--pages" ]] && exit 0

echo "== requests per second over kept-alive connections (static file and lookup) =="
node bench/static-rate.mjs "http://127.0.0.1:$port"

echo "== a phone photo before and after downscaling in the browser =="
node bench/photo.mjs "http://127.0.0.1:$port"

echo
bash bench/public.sh

echo
[[ "${1:-}" == "--no-submit" ]] || bash bench/submit.sh
