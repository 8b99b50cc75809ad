#!/usr/bin/env bash
# First load of the web app and API latency with and without compression
# (docs/performance.md, "First load"):
#   1. the first visit of / as a browser with an empty cache makes it: index.html,
#      then every file it references (scripts, styles, icon) on parallel connections,
#      all with "Accept-Encoding: gzip, deflate, br"; wall-clock time of the whole
#      visit, the median of RUNS visits, and each file's bytes on the wire;
#   2. wrk against three public API calls (a large, a medium and a small JSON
#      response), once without and once with Accept-Encoding.
# The server runs the demo data (`serve --demo`) and the built app (scripts/build-web.sh).
# Usage: bench/first_load.sh BUILD_DIR [SECONDS] [RUNS] [SERVE OPTIONS...]   (BUILD_DIR: e.g. build/ci;
#        e.g. --compress-api-min 1024 to measure compressed API answers)
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [SECONDS] [RUNS]}
secs=${2:-10}
runs=${3:-7}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$build/src/app/ketaclinic
web=$root/web/dist
conns=32
wrk_threads=2
accept="Accept-Encoding: gzip, deflate, br"
[ -f "$web/index.html" ] || { echo "no $web/index.html: run scripts/build-web.sh first" >&2; exit 2; }
tmp=$(mktemp -d /tmp/kc-first-load.XXXXXX)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"$bin" serve --db "$tmp/demo.db" --demo --web "$web" --listen 127.0.0.1:0 --max-connections-per-client 0 \
  "${@:4}" > "$tmp/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 200); do grep -q "serving http" "$tmp/server.log" && break; sleep 0.1; done
port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/server.log")
site=http://127.0.0.1:$port
for _ in $(seq 100); do curl -sf "$site/healthz" >/dev/null 2>&1 && break; sleep 0.1; done

now_ms() { date +%s%3N; }

# The files index.html references, as a browser would find them (src= and href= to this site).
assets() { grep -o '\(src\|href\)="/[^"]*"' "$1" | sed 's/^[a-z]*="\(.*\)"$/\1/' | sort -u; }

# One visit: index.html, then its files in parallel (curl opens up to 6 connections, as
# browsers do); prints the wall-clock milliseconds, writes each file's status and bytes to $tmp/files.
visit_ms() {
  local start end
  start=$(now_ms)
  curl -sf -H "$accept" "$site/" -o /dev/null
  curl -sf --no-progress-meter --parallel --parallel-max 6 -H "$accept" -w "%{http_code} %{size_download} %{url_effective}\n" \
    "${file_args[@]}" > "$tmp/files"
  end=$(now_ms)
  echo $(( end - start ))
}

echo "machine: $(nproc) cores, $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg); server and clients share the cores" >&2
# The index's references, read from a decoded copy (it may arrive compressed).
curl -sf --compressed "$site/" -o "$tmp/index.html"
file_args=()
for path in $(assets "$tmp/index.html"); do file_args+=(-o /dev/null "$site$path"); done
cold=$(visit_ms)  # the first after start: files read for the first time, no pooled connections
times=()
for _ in $(seq "$runs"); do times+=("$(visit_ms)"); done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
index_bytes=$(curl -sf -H "$accept" "$site/" -o /dev/null -w '%{size_download}')
index_encoding=$(curl -sf -H "$accept" "$site/" -o /dev/null -D - | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ee]ncoding: //p')

echo "## First visit of / (Accept-Encoding: gzip, deflate, br), $runs visits"
echo
echo "| file | status | content-encoding | bytes on the wire |"
echo "| --- | ---: | --- | ---: |"
echo "| / (index.html) | 200 | ${index_encoding:-none} | $index_bytes |"
while read -r code bytes url; do
  path=${url#"$site"}
  encoding=$(curl -sf -H "$accept" "$site$path" -o /dev/null -D - | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ee]ncoding: //p')
  echo "| $path | $code | ${encoding:-none} | $bytes |"
done < "$tmp/files"
echo
echo "first visit: median $median ms (all: ${times[*]} ms); the very first after the server started: $cold ms"
echo

# wrk summary -> "requests/s p50 p99" (latencies in ms)
wrk_run() {  # wrk_run URL [HEADER]
  local header=()
  [ -n "${2:-}" ] && header=(-H "$2")
  wrk -t"$wrk_threads" -c"$conns" -d"${secs}s" --latency "${header[@]}" "$1" > "$tmp/wrk.out"
  awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { non2xx = $NF }
    END { printf "%.0f %.2f %.2f %s\n", rps, p50, p99, (non2xx == "" ? 0 : non2xx) }' "$tmp/wrk.out"
}

monday=$(date -d "next monday" +%F); sunday=$(date -d "$monday + 6 days" +%F)
calls=("availability?location=allen&type=consultation&from=$monday&to=$sunday" "locations" "booking-policy")
echo "## API under wrk -t$wrk_threads -c$conns -d${secs}s"
echo
echo "| call | Accept-Encoding | content-encoding | bytes | requests/s | p50 ms | p99 ms | non-2xx |"
echo "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |"
wrk -t1 -c4 -d2s "$site/api/v1/${calls[0]}" > /dev/null  # warm the connection pool and caches
for call in "${calls[@]}"; do
  url=$site/api/v1/$call
  for header in "" "$accept"; do
    label=none
    [ -n "$header" ] && label="gzip, deflate, br"
    curl_header=()
    [ -n "$header" ] && curl_header=(-H "$header")
    bytes=$(curl -sf "${curl_header[@]}" "$url" -o /dev/null -w '%{size_download}')
    encoding=$(curl -sf "${curl_header[@]}" "$url" -o /dev/null -D - | tr -d '\r' | sed -n 's/^[Cc]ontent-[Ee]ncoding: //p')
    read -r rps p50 p99 non2xx < <(wrk_run "$url" "$header")
    echo "| ${call%%\?*} | $label | ${encoding:-none} | $bytes | $rps | $p50 | $p99 | $non2xx |"
  done
done
