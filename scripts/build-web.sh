#!/usr/bin/env bash
# Builds the web app (web/) into web/dist, which `ketaclinic serve` serves at /.
# Installs the npm packages from package-lock.json first when node_modules is
# missing or older than the lock file.
# Usage: scripts/build-web.sh
set -euo pipefail
cd "$(dirname "$0")/../web"

../scripts/web-packages.sh
npm run --silent build
# Brotli and gzip copies beside each compressible file, so the server never compresses them per request.
node ../scripts/precompress.mjs dist
