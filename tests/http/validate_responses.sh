#!/usr/bin/env bash
# Validates every JSON answer that the HTTP tests recorded (KC_RECORD_RESPONSES,
# tests/http/response_recorder.h) against src/http/openapi.json, with npm's
# ajv in node (web/tools/validate-responses.mjs). Installs the web app's npm
# packages first when they are missing (scripts/web-packages.sh).
# Usage: tests/http/validate_responses.sh RECORDED_DIR
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 RECORDED_DIR" >&2; exit 2; }
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v node >/dev/null || { echo "validate_responses: node not found (scripts/install-deps.sh test)" >&2; exit 2; }
"$root/scripts/web-packages.sh"
cd "$root/web"
node tools/validate-responses.mjs "$root/src/http/openapi.json" "$1"
