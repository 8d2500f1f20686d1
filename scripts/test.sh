#!/usr/bin/env bash
# The one command that runs every test of LAPOR!:
#   bash scripts/test.sh
# domain unit tests, server HTTP tests on a real SQLite database and again on a
# real PostgreSQL (a throwaway server from Debian's packages, started and
# stopped by scripts/with-postgres.sh; includes two server instances on one
# database), app component tests in headless Chromium, and end-to-end browser
# tests against the real server built from this checkout, and the bytes each
# page transfers held to its budget, and the officers' console in Firefox;
# the API fuzzed from its OpenAPI document (Schemathesis), and the server's
# log searched for the secrets the end-to-end run planted.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
source scripts/setup.sh --test || exit 1
set +e

passed=0
failed=0
failures=()
step() {
  local name="$1"; shift
  printf '\n\033[1m== %s ==\033[0m\n' "$name"
  local t0=$SECONDS
  if "$@"; then
    passed=$((passed + 1)); echo "== $name: ok ($((SECONDS - t0)) s)"
  else
    failed=$((failed + 1)); failures+=("$name"); echo "== $name: FAILED ($((SECONDS - t0)) s)"
  fi
}

step "domain: unit tests" cargo test -p domain
step "server: HTTP tests on SQLite" cargo test -p lapor-server
step "server: HTTP tests on PostgreSQL (and two instances on one database)" \
  bash scripts/with-postgres.sh cargo test -p lapor-server
step "API: Schemathesis against the OpenAPI document (stranger and signed in), on SQLite" bash scripts/schemathesis.sh
step "API: the same Schemathesis run on PostgreSQL" bash scripts/with-postgres.sh bash scripts/schemathesis.sh
step "app: component tests in headless Chromium" \
  env CHROMEDRIVER=/usr/bin/chromedriver cargo test -p lapor-app --target wasm32-unknown-unknown
step "build: app (release) and server" bash scripts/build.sh dev
step "size: what each page transfers, within its budget" node scripts/page-sizes.mjs --check
# The console in Firefox runs beside the Chromium suite, on a server of its own.
firefox_log="$(mktemp)"
node --test tests/firefox/ >"$firefox_log" 2>&1 &
firefox_pid=$!
step "end to end: Playwright + axe-core in Chromium" npx playwright test
step "logs: no secret the end-to-end run planted is in the server's log" node tests/e2e/log-secrets.mjs
firefox_suite() {
  wait "$firefox_pid"
  local rc=$?
  cat "$firefox_log"
  return $rc
}
step "end to end: the console in Firefox (WebDriver + axe-core)" firefox_suite

echo
for f in "${failures[@]}"; do echo "failed: $f"; done
echo "suites: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
