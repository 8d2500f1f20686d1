#!/usr/bin/env bash
# Installs what building, running and testing LAPOR! needs, skipping what is
# already there. Source it (it exports PATH) or run it.
#   bash scripts/setup.sh            # build tools only (what `run.sh` needs)
#   bash scripts/setup.sh --test     # also Chromium and its driver for the browser tests,
#                                    # and PostgreSQL for the server tests on PostgreSQL
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen pinned in Cargo.toml (and Trunk.toml).
WASM_BINDGEN_VERSION=0.2.130

want_test=0
[[ "${1:-}" == "--test" ]] && want_test=1

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $apt_updated -eq 0 ]]; then $SUDO apt-get update -qq; apt_updated=1; fi
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
}

# Rust toolchain: rustup's cargo is expected (Debian's rustc is too old for Leptos 0.8).
export PATH="$HOME/.cargo/bin:$PATH"
if ! command -v cargo >/dev/null; then
  echo "cargo not found: install Rust with rustup (https://rustup.rs), then run this again." >&2
  exit 1
fi
if ! rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
# The phone's wasm is built with its own standard library (scripts/build.sh).
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  say "rustup component add rust-src"
  rustup component add rust-src
fi

apt_install brotli gzip pkg-config
command -v npm >/dev/null || apt_install nodejs npm

if ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
  say "cargo install trunk@$TRUNK_VERSION (about 8 minutes on 2 cores, once)"
  cargo install --locked "trunk@$TRUNK_VERSION"
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
  say "cargo install wasm-bindgen-cli@$WASM_BINDGEN_VERSION (about 2 minutes, once)"
  # Not --locked: its lock file pins a crate version the registry no longer serves.
  cargo install --force "wasm-bindgen-cli@$WASM_BINDGEN_VERSION"
fi

# npm: wasm-opt (binaryen), Playwright and axe-core; never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [[ ! -x "$ROOT/node_modules/.bin/wasm-opt" || "$ROOT/package-lock.json" -nt "$ROOT/node_modules/.package-lock.json" ]]; then
  say "npm ci"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
fi
export PATH="$ROOT/node_modules/.bin:$PATH"

if [[ $want_test -eq 1 ]]; then
  apt_install chromium chromium-driver postgresql firefox-esr python3-venv
  # Firefox is driven over WebDriver (tests/firefox/); Playwright cannot drive a stock Firefox.
  if ! command -v geckodriver >/dev/null; then
    say "cargo install geckodriver (about 2 minutes, once)"
    cargo install --locked geckodriver 2>/dev/null || cargo install geckodriver
  fi
fi
