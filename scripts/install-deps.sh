#!/usr/bin/env bash
# Installs the Debian 12 packages ketaclinic needs, only those missing.
# Usage: scripts/install-deps.sh [build|test|bench]   (default: build)
set -euo pipefail

build_pkgs=(g++ cmake ninja-build pkg-config git ca-certificates tzdata
  nlohmann-json3-dev libcli11-dev libfmt-dev libspdlog-dev libcpp-httplib-dev libbrotli-dev zlib1g-dev
  libsqlite3-dev sqlite3 libsodium-dev libhowardhinnant-date-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev)
web_pkgs=(nodejs npm)
test_pkgs=(chromium postgresql curl openssl)
bench_pkgs=(wrk nginx hyperfine python3-scipy python3-brian)

want=("${build_pkgs[@]}")
case "${1:-build}" in
  build) ;;
  test) want+=("${test_pkgs[@]}") ;;
  bench) want+=("${test_pkgs[@]}" "${bench_pkgs[@]}") ;;
  *) echo "usage: $0 [build|test|bench]" >&2; exit 2 ;;
esac
# Node.js may come from outside Debian (a newer one is fine); only install when absent.
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || want+=("${web_pkgs[@]}")

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
