#!/usr/bin/env bash
# Runs the benchmarks whose numbers docs/performance.md reports.
# Usage: scripts/bench.sh BUILD_DIR   (a Release build, e.g. build/ci; ./kc bench does it all)
set -euo pipefail
build=${1:?usage: scripts/bench.sh BUILD_DIR}
cd "$(dirname "$0")/.."

echo "== Clinic server: wrk against ketaclinic serve, nginx with static files of the same sizes as the ceiling =="
bench/http_bench.sh "$build"
