#!/usr/bin/env bash
# The web app's tests: the generated API types match src/http/openapi.json
# (npm run check:api), the unit tests of its pure logic (npm run test:unit,
# vitest in Node), then end-to-end in a real browser: builds web/dist, starts
# BINARY serve --demo on a temporary database and a free port, runs the
# Playwright tests (web/e2e, npm playwright-core driving Debian's chromium),
# stops the server. A failing test leaves a screenshot in test-results/.
# Usage: scripts/test-web.sh BINARY
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 BINARY" >&2; exit 2; }
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
chromium=${KC_CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || { echo "test-web: $chromium not found (apt-get install chromium, or scripts/install-deps.sh test)" >&2; exit 2; }

"$root/scripts/build-web.sh"
(cd "$root/web" && npm run --silent check:api && npm run --silent test:unit)
tmp=$(mktemp -d)
mkdir -p "$root/test-results"
"$bin" serve --demo --db "$tmp/web-test.db" --listen 127.0.0.1:0 --web "$root/web/dist" \
  --access-log "$tmp/access.log" > "$tmp/server.log" 2>&1 &
pid=$!
cleanup() {
  kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# The server picks a free port and names it in its start-up line.
port=""
for _ in $(seq 1 300); do
  port=$(sed -n 's|.*serving http://127\.0\.0\.1:\([0-9]*\)/api/v1.*|\1|p' "$tmp/server.log" | head -1)
  [ -n "$port" ] && break
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "test-web: the server did not start:" >&2
  cat "$tmp/server.log" >&2
  exit 1
fi

cd "$root/web"
status=0
KC_BASE_URL="http://127.0.0.1:$port" KC_CHROMIUM="$chromium" KC_RESULTS="$root/test-results" \
  node --test e2e/*.test.mjs || status=$?
if [ "$status" -ne 0 ]; then
  echo "test-web: failed; screenshots in $root/test-results; server log:" >&2
  tail -n 40 "$tmp/server.log" >&2
fi
exit "$status"
