#!/usr/bin/env bash
# Installs the web app's npm packages from web/package-lock.json when
# node_modules is missing or older than the lock file; otherwise does nothing.
# Used by scripts/build-web.sh and tests/http/validate_responses.sh.
# Usage: scripts/web-packages.sh
set -euo pipefail
cd "$(dirname "$0")/../web"

stamp=node_modules/.package-lock.json  # written by npm on every install
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing the web app's packages (npm ci) ..."
  npm ci --no-audit --no-fund
fi
