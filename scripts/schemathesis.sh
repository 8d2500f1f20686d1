#!/usr/bin/env bash
# Fuzzes the JSON API from its own OpenAPI document with Schemathesis (4.x,
# from PyPI), every default check on, twice: as a stranger (no session) and
# signed in as the demo coordinator. Exits non-zero when any check fails.
#
#   bash scripts/schemathesis.sh              # a throwaway demo server of its own
#   bash scripts/schemathesis.sh 8080         # a running server on 127.0.0.1:8080
#   bash scripts/schemathesis.sh http://127.0.0.1:8080
#
# Without an argument it builds the server, starts it on a free loopback port
# with a fresh data directory, the demo data and generous rate limits (the
# limits are fuzzed as documented 429s all the same, but a run should reach
# the handlers), and stops it at the end. A running server given as the
# argument must have the demo accounts (LAPOR_DEMO=1); the run adds reports,
# agencies and accounts to it, so give it a throwaway one.
#
# Time-boxed: at most ST_MAX_EXAMPLES generated cases per operation and
# phase (default 25), a fixed seed (ST_SEED, default 20261123) so a failure
# is reproduced by running again, and each run cut at ST_TIMEOUT seconds
# (default 600). ST_WORKERS (default 1) sets Schemathesis's workers.
#
# Signed in, three operations are left out: POST /api/v1/auth/logout and
# POST /api/v1/auth/logout-everywhere end the session the run uses, and
# POST /api/v1/auth/password answers any current password but the right one
# with 422 `wrong_password` (valid data by the schema, which cannot know the
# password) and would end the run's other sessions if it ever guessed it.
# All three are fuzzed as a stranger. The account operations stay in: the
# server refuses a change of the caller's own role, activity or password
# there, so they cannot end the session.
#
# scripts/schemathesis_hooks.py teaches the generator what the document says
# in words but JSON Schema cannot: a tracking number's check digit (format
# `tracking-number`), an upload's content (a well-formed PNG or JPEG), and,
# for valid cases only, the server's own lists (region codes, categories,
# agencies, reports) and today's date.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

VENV="$ROOT/target/schemathesis-venv"
MAX_EXAMPLES="${ST_MAX_EXAMPLES:-25}"
SEED="${ST_SEED:-20261123}"
TIMEOUT="${ST_TIMEOUT:-600}"
WORKERS="${ST_WORKERS:-1}"
OUT="$ROOT/target/schemathesis"
mkdir -p "$OUT"

say() { printf '[schemathesis] %s\n' "$*"; }

# --- Schemathesis in its own venv (created once, reused) -------------------
if [[ ! -x "$VENV/bin/python" ]]; then
  if ! python3 -m venv "$VENV" >/dev/null 2>&1; then
    rm -rf "$VENV"
    if ! dpkg -s python3-venv >/dev/null 2>&1; then
      say "installing python3-venv"
      apt-get install -y python3-venv >/dev/null || { apt-get update >/dev/null && apt-get install -y python3-venv >/dev/null; } || exit 1
    fi
    python3 -m venv "$VENV" || exit 1
  fi
fi
if ! "$VENV/bin/st" --version 2>/dev/null | grep -q 'version 4\.'; then
  say "installing schemathesis 4 into $VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check 'schemathesis>=4,<5' || exit 1
fi
say "$("$VENV/bin/st" --version)"

# --- The server -------------------------------------------------------------
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then
    kill "$SERVER_PID" 2>/dev/null
    wait "$SERVER_PID" 2>/dev/null
  fi
  [[ -n "${DATA_DIR:-}" ]] && rm -rf "$DATA_DIR"
}
trap cleanup EXIT

case "${1:-}" in
  "")
    cargo build --quiet -p lapor-server || exit 1
    PORT="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
    DATA_DIR="$(mktemp -d)"
    BASE="http://127.0.0.1:$PORT"
    generous=100000/600
    # Under scripts/with-postgres.sh the server runs on its throwaway PostgreSQL.
    # (a database of its own: the role may create databases, not tables in `postgres`).
    if [[ -n "${LAPOR_PG_SERVER:-}" ]]; then
      psql -q "$LAPOR_TEST_DATABASE_URL" -c "CREATE DATABASE lapor_schemathesis" || exit 1
      export DATABASE_URL="$LAPOR_PG_SERVER/lapor_schemathesis"
    fi
    if [[ -n "${DATABASE_URL:-}" ]]; then say "backend: PostgreSQL"; else say "backend: SQLite"; fi
    LAPOR_ADDR="127.0.0.1:$PORT" LAPOR_DATA_DIR="$DATA_DIR" LAPOR_DIST_DIR="$ROOT/dist" LAPOR_DEMO=1 \
      LAPOR_SUBMIT_LIMIT=$generous LAPOR_UPLOAD_LIMIT=$generous LAPOR_ACTION_LIMIT=$generous \
      LAPOR_LOOKUP_MISS_LIMIT=$generous LAPOR_UPLOAD_MB_LIMIT=$generous RUST_LOG="${RUST_LOG:-warn}" \
      target/debug/lapor-server >"$OUT/server.log" 2>&1 &
    SERVER_PID=$!
    say "throwaway demo server at $BASE (log: target/schemathesis/server.log)"
    ;;
  *[!0-9]*) BASE="${1%/}" ;;
  *) BASE="http://127.0.0.1:$1" ;;
esac

for _ in $(seq 1 120); do
  curl -fsS "$BASE/api/v1/health" >/dev/null 2>&1 && break
  if [[ -n "$SERVER_PID" ]] && ! kill -0 "$SERVER_PID" 2>/dev/null; then
    say "the server did not start:"; tail -20 "$OUT/server.log"; exit 1
  fi
  sleep 0.5
done
curl -fsS "$BASE/api/v1/health" >/dev/null || { say "no server answers at $BASE"; exit 1; }

# Signed in first: the stranger's run fuzzes the sign-in, and its failures
# soon spend this address's sign-in attempts (a documented 429).
COOKIE="$(curl -sS -D - -o /dev/null -H 'Content-Type: application/json' \
  -d '{"username":"koordinator","password":"lapor-demo"}' "$BASE/api/v1/auth/login" \
  | tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(lapor_session=[0-9a-f]*\).*/\1/p')"
if [[ -z "$COOKIE" ]]; then
  say "could not sign in as koordinator (a server without LAPOR_DEMO=1, or sign-ins from this address spent: wait 10 minutes)"
  exit 1
fi

# --- The runs -----------------------------------------------------------------
export SCHEMATHESIS_HOOKS=schemathesis_hooks
export PYTHONPATH="$ROOT/scripts${PYTHONPATH:+:$PYTHONPATH}"
export LAPOR_BASE="$BASE"

failed=0
summary=()
run() {
  local name="$1"; shift
  local report="$OUT/$name.json"
  rm -f "$report"
  say "== $name: st run $BASE/api/v1/openapi.json --max-examples $MAX_EXAMPLES --seed $SEED $*"
  local t0=$SECONDS
  # From target/schemathesis: Schemathesis keeps a cache in its working directory.
  (cd "$OUT" && timeout "$TIMEOUT" "$VENV/bin/st" run "$BASE/api/v1/openapi.json" \
    --max-examples "$MAX_EXAMPLES" --seed "$SEED" --workers "$WORKERS" \
    --generation-database none --no-color --report json --report-json-path "$report" "$@" >"$OUT/$name.log" 2>&1)
  local rc=$?
  local secs=$((SECONDS - t0))
  # The failures and the summary (the log keeps everything).
  sed -n '/^=* FAILURES =*$/,$p' "$OUT/$name.log" | grep -v '^$' | head -150
  [[ -s "$report" ]] || tail -30 "$OUT/$name.log"
  local line
  line="$("$VENV/bin/python" - "$report" "$secs" "$rc" <<'PY'
import json, sys
path, secs, rc = sys.argv[1], sys.argv[2], int(sys.argv[3])
try:
    r = json.load(open(path))
except Exception:
    print(f"no report (exit {rc}) in {secs} s")
    sys.exit(0)
ops, cases = r["operations"], r["test_cases"]
failures = sum(f.get("count", 1) for f in r["failures"])
codes = ", ".join(f"{f['code']} x{f.get('count', 1)}" for f in r["failures"])
print(
    f"{cases['generated']} cases on {ops['tested']} of {ops['total']} operations, "
    f"{failures} failures{' (' + codes + ')' if codes else ''}, {len(r['errors'])} errors, "
    f"in {secs} s (exit {rc})"
)
PY
)"
  [[ $rc -ne 0 ]] && failed=1
  summary+=("$name: $line")
}

run stranger
run signed-in -H "Cookie: $COOKIE" \
  --exclude-operation-id logout --exclude-operation-id logout_everywhere --exclude-operation-id change_password

echo
for s in "${summary[@]}"; do say "$s"; done
if [[ $failed -ne 0 ]]; then say "FAILED"; exit 1; fi
say "every check passed"
