#!/usr/bin/env bash
# Builds the app (Trunk, release, wasm-opt) and precompresses it for the server.
#   bash scripts/build.sh [server-profile]   # default: server (optimised); "dev" for tests
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
profile="${1:-server}"

# One wasm per area (src/app.rs, domain/src/areas.rs): the start page into
# dist/, every other area's page into dist/<area>/. Cargo builds all of them
# first, in parallel; each Trunk run then only binds and optimises its own.
#
# The wasm gets a standard library built for it, where a panic stops the app
# at once instead of formatting a message no phone user reads
# (`-Cpanic=immediate-abort` with `-Zbuild-std`: rust-src from rustup, and
# RUSTC_BOOTSTRAP=1 so the stable compiler takes the two unstable flags).
# Measured: 5 to 13 KB of brotli less per page. Only the wasm build sees these.
wasm_env=(RUSTC_BOOTSTRAP=1 CARGO_UNSTABLE_BUILD_STD=std,panic_abort
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort")
echo "[build] app: cargo build --release (every area's wasm)"
env "${wasm_env[@]}" cargo build --release --target wasm32-unknown-unknown --bins -p lapor-app --quiet
echo "[build] app: trunk build --release (start page, then every other area and the console)"
env "${wasm_env[@]}" trunk build --release --quiet
# Every other area is the page named after it (lapor.html → dist/lapor/).
pages=(dist/index.html)
for page in *.html; do
  area="${page%.html}"
  [[ $area == index ]] && continue
  env "${wasm_env[@]}" trunk build --release --quiet "$page" --dist "dist/$area" --public-url "/$area/"
  pages+=("dist/$area/index.html")
  # One stylesheet for every area: each Trunk run hashed the same file, so
  # the areas link the start page's copy (cached once, for every page).
  for css in dist/"$area"/main-*.css; do
    [[ -f "dist/$(basename "$css")" ]] || continue
    sed -i "s#/$area/$(basename "$css")#/$(basename "$css")#" "dist/$area/index.html"
    rm "$css"
  done
done
# No inline script is left for the Content-Security-Policy to allow, and no
# page preloads a snippet its app does not import.
node scripts/extern-boot.mjs "${pages[@]}"
node scripts/prune-snippets.mjs "${pages[@]}"

# Brotli and gzip copies beside each file; the server picks what the browser accepts.
find dist -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.html' -o -name '*.svg' -o -name '*.json' -o -name '*.webmanifest' \) \
  -print0 | while IFS= read -r -d '' f; do
    brotli -f -q 11 -o "$f.br" "$f"
    gzip -f -9 -k "$f"
  done

echo "[build] server: cargo build -p lapor-server --profile $profile"
cargo build -p lapor-server --profile "$profile" --quiet
