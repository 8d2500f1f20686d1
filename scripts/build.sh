#!/usr/bin/env bash
# Builds the app (Trunk, release, wasm-opt) and precompresses it for the server.
#   bash scripts/build.sh [server-profile]   # default: server (optimised); "dev" for tests
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
profile="${1:-server}"

echo "[build] app: trunk build --release (citizen app, then the officers' console under /admin)"
trunk build --release --quiet
trunk build --release --quiet admin.html --dist dist/admin --public-url /admin/
# No inline script is left for the Content-Security-Policy to allow.
node scripts/extern-boot.mjs dist/index.html dist/admin/index.html

# Brotli and gzip copies beside each file; the server picks what the browser accepts.
find dist -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' -o -name '*.webmanifest' \) \
  -print0 | while IFS= read -r -d '' f; do
    brotli -f -q 11 -o "$f.br" "$f"
    gzip -f -9 -k "$f"
  done

echo "[build] server: cargo build -p lapor-server --profile $profile"
cargo build -p lapor-server --profile "$profile" --quiet
