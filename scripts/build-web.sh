#!/usr/bin/env bash
# Builds the web app (web/) into web/dist, which `ketaclinic serve` serves at /.
# Installs the npm packages from package-lock.json first when node_modules is
# missing or older than the lock file.
# Usage: scripts/build-web.sh
set -euo pipefail
cd "$(dirname "$0")/../web"

stamp=node_modules/.package-lock.json  # written by npm on every install
if [ ! -f "$stamp" ] || [ package-lock.json -nt "$stamp" ]; then
  echo "Installing the web app's packages (npm ci) ..."
  npm ci --no-audit --no-fund
fi
npm run --silent build
# Brotli and gzip copies beside each compressible file, so the server never compresses them per request.
node ../scripts/precompress.mjs dist
