#!/usr/bin/env bash
# Runs the benchmarks whose numbers docs/performance.md reports.
# Usage: scripts/bench.sh BUILD_DIR   (a Release build, e.g. build/ci; ./kc bench does it all)
set -euo pipefail
build=${1:?usage: scripts/bench.sh BUILD_DIR}
cd "$(dirname "$0")/.."

echo "== Pharmacology engine (Google Benchmark; median of 5) =="
"$build/bench/bench_pharm" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_display_aggregates_only=true 2>/dev/null | grep -E '^(Benchmark|BM_.*_median)'

echo
echo "== Baseline: the same population problem with scipy LSODA (default and tight tolerances) =="
if /usr/bin/python3 -c 'import scipy' 2>/dev/null; then
  /usr/bin/python3 bench/lsoda_reference.py 200 1e-3
  /usr/bin/python3 bench/lsoda_reference.py 100 1e-6
else
  echo "python3-scipy is not installed (scripts/install-deps.sh bench installs it)"
fi

echo
echo "== Brain simulation: the Brette 2007 networks (Google Benchmark; median of 5), then Brian2 side by side =="
"$build/bench/bench_brain" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
  --benchmark_display_aggregates_only=true 2>/dev/null | grep -E '^(Benchmark|BM_.*_median)'
if /usr/bin/python3 -c 'import brian2' 2>/dev/null; then
  bench/brain_vs_brian2.sh "$build" 5 coba 1 2>/dev/null
  bench/brain_vs_brian2.sh "$build" 5 cuba 1 2>/dev/null
else
  echo "python3-brian is not installed (scripts/install-deps.sh bench installs it)"
fi

echo
echo "== Clinic server: wrk against ketaclinic serve, nginx with static files of the same sizes as the ceiling =="
bench/http_bench.sh "$build"

echo
echo "== First load: the first visit of / and the API with and without Accept-Encoding =="
if [ -f web/dist/index.html ]; then
  bench/first_load.sh "$build"
else
  echo "web/dist is not built (scripts/build-web.sh builds it)"
fi
