#!/usr/bin/env bash
# Validates every JSON answer that the HTTP tests recorded (KC_RECORD_RESPONSES,
# tests/http/response_recorder.h) against src/http/openapi.json, with npm's
# ajv in node (web/tools/validate-responses.mjs). Installs the web app's npm
# packages first when they are missing, as scripts/build-web.sh does.
# Usage: tests/http/validate_responses.sh RECORDED_DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 RECORDED_DIR" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v node >/dev/null || { echo "validate_responses: node not found (scripts/install-deps.sh test)" >&2; exit 2; }
cd "$root/web"
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "Installing the web app's packages (npm ci) ..."
  npm ci --no-audit --no-fund
fi
node tools/validate-responses.mjs "$root/src/http/openapi.json" "$1"
