#!/usr/bin/env bash
# Clinic server benchmark (docs/performance.md, "Clinic server"):
#   1. GET /api/v1/availability, one location, one week, 32 connections;
#   2. POST /api/v1/appointments with a front-desk API token, every request a distinct
#      free visit, 32 connections, then a check in the database that no resource is
#      double-booked (each booking also appends to the hash-chained audit trail);
#   3. nginx serving static files of the same sizes on the same machine, same
#      wrk settings, as the ceiling.
# Usage: bench/http_bench.sh BUILD_DIR [SECONDS]   (BUILD_DIR: e.g. build/ci)
set -euo pipefail
build=${1:?usage: $0 BUILD_DIR [SECONDS]}
secs=${2:-20}
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$build/src/app/ketaclinic
conns=32
wrk_threads=2
tmp=$(mktemp -d /tmp/kc-bench.XXXXXX)
server_pid=""
nginx_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

# A port nothing listens on (nginx needs a number; the clinic server takes :0).
free_port() {
  local p
  while :; do p=$(shuf -i 20000-60000 -n 1); ss -Htln "sport = :$p" | grep -q . || { echo "$p"; return; }; done
}
wait_http() { for _ in $(seq 100); do curl -sf "$1" >/dev/null 2>&1 && return 0; sleep 0.1; done; echo "no answer from $1" >&2; return 1; }

# wrk summary -> "requests/s p50 p99" (latencies in ms)
wrk_run() {  # wrk_run NAME URL [LUA]
  local out=$tmp/$1.wrk
  local script=()
  [ -n "${3:-}" ] && script=(-s "$3")
  KC_WRK_THREADS=$wrk_threads wrk -t"$wrk_threads" -c"$conns" -d"${secs}s" --latency "${script[@]}" "$2" > "$out"
  awk -v name="$1" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ +50%/ { p50 = ms($2) } /^ +99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { non2xx = $NF } /Socket errors/ { errors = $0 }
    END { printf "%s %.0f %.2f %.2f %s\n", name, rps, p50, p99, (non2xx == "" ? 0 : non2xx) }' "$out"
}

echo "machine: $(nproc) cores, $(uname -r); wrk -t$wrk_threads -c$conns -d${secs}s; server and wrk share the cores" >&2

start_server() {  # start_server NAME ARGS... -> sets server_pid and api
  # wrk's connections all come from 127.0.0.1: one client for the per-client cap.
  "$bin" serve --db "$tmp/$1.db" --listen 127.0.0.1:0 --access-log "$tmp/$1-access.log" --max-connections-per-client 0 \
    "${@:2}" > "$tmp/$1.log" 2>&1 &
  server_pid=$!
  for _ in $(seq 200); do grep -q "serving http" "$tmp/$1.log" && break; sleep 0.1; done
  local port
  port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$tmp/$1.log")
  api=http://127.0.0.1:$port/api/v1
  wait_http "http://127.0.0.1:$port/healthz"
}
stop_server() { kill "$server_pid"; wait "$server_pid" || true; server_pid=""; }

# --- availability: the demo data (four clinics with demo bookings), Allen, next week
start_server demo --demo
monday=$(date -d "next monday" +%F); sunday=$(date -d "$monday + 6 days" +%F)
avail="$api/availability?location=allen&type=consultation&from=$monday&to=$sunday"
curl -sf "$avail" > "$tmp/availability.json"
avail_bytes=$(wc -c < "$tmp/availability.json")
wrk -t1 -c4 -d2s "$avail" > /dev/null  # warm the connection pool and caches
read -r _ a_rps a_p50 a_p99 a_non2xx < <(wrk_run availability "$avail")
stop_server

# --- bookings: the synthetic bench clinic (40 prescribers around the clock), 40 patients
start_server bookings --clinics "$root/bench/data/bench_clinic.json"
# A front-desk account at the bench clinic and an API token for the run (bookings need schedule_write).
echo "bench front desk passphrase 2026" | "$bin" user add --db "$tmp/bookings.db" --role front_desk --location bench \
  --email runner@bench.invalid > /dev/null
cookie=$tmp/cookie
csrf=$(curl -sf -c "$cookie" -X POST "$api/session" -H 'Content-Type: application/json' \
  -d '{"email":"runner@bench.invalid","password":"bench front desk passphrase 2026"}' | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
token=$(curl -sf -b "$cookie" -X POST "$api/tokens" -H 'Content-Type: application/json' -H "X-CSRF-Token: $csrf" \
  -d '{"name":"bench","scope":["schedule_write","schedule_read","demographics_write"]}' | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
auth="Authorization: Bearer $token"
for i in $(seq 40); do
  curl -sf -X POST "$api/patients" -H "$auth" -H 'Content-Type: application/json' \
    -d "{\"given_name\":\"Bench$i\",\"family_name\":\"Synthetic\",\"date_of_birth\":\"1980-01-01\",\"sex\":\"unknown\"}" >/dev/null
done
# Midnight two days ahead: clear of the minimum notice whatever the time of day.
base=$(TZ=America/Chicago date -d "today 00:00 2 days" +%s)
KC_TOKEN=$token KC_BASE_EPOCH=$base KC_PATIENTS=40 KC_FIRST_PATIENT=1 wrk_run bookings "$api/appointments" "$root/bench/wrk/book.lua" > "$tmp/book.line"
read -r _ b_rps b_p50 b_p99 b_non2xx < "$tmp/book.line"
# The size of one booking response: a visit 80 days out, beyond what the run reached.
book_bytes=$(curl -sf -X POST "$api/appointments" -H "$auth" -H 'Content-Type: application/json' -d "{\"patient_id\":1,\"location\":\"bench\",\"type\":\"follow_up\",\"mode\":\"telehealth\",\"start\":\"$(date -u -d "@$((base + 80 * 86400))" +%FT%TZ)\"}" | wc -c)
stop_server
double=$(sqlite3 "$tmp/bookings.db" "SELECT count(*) FROM reservations a JOIN reservations b
  ON a.cls = b.cls AND a.ref_id = b.ref_id AND a.appointment_id <> b.appointment_id
  AND b.begin_s >= a.begin_s AND b.begin_s < a.end_s WHERE a.active = 1 AND b.active = 1")
booked=$(sqlite3 "$tmp/bookings.db" "SELECT count(*) FROM appointments WHERE start_s < $((base + 80 * 86400))")
created=$(sed -n 's/.*created=\([0-9]*\).*/\1/p' "$tmp/bookings.wrk")
conflicts=$(sed -n 's/.*conflicts=\([0-9]*\).*/\1/p' "$tmp/bookings.wrk")
others=$(sed -n 's/.*others=\([0-9]*\) last_other_status=\([0-9]*\).*/\1 (last status \2)/p' "$tmp/bookings.wrk")

# --- nginx: static files of the same sizes, same wrk settings
nport=$(free_port)
mkdir -p "$tmp/www"
head -c "$avail_bytes" /dev/zero | tr '\0' 'x' > "$tmp/www/availability.json"
head -c "$book_bytes" /dev/zero | tr '\0' 'x' > "$tmp/www/booking.json"
chmod -R a+rX "$tmp"
cat > "$tmp/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log $tmp/nginx-access.log;
  client_body_temp_path $tmp/nginx-body; proxy_temp_path $tmp/nginx-proxy;
  fastcgi_temp_path $tmp/nginx-fcgi; uwsgi_temp_path $tmp/nginx-uwsgi; scgi_temp_path $tmp/nginx-scgi;
  server { listen 127.0.0.1:$nport; root $tmp/www; tcp_nodelay on; keepalive_requests 100000; }
}
CONF
nginx -c "$tmp/nginx.conf" &
nginx_pid=$!
wait_http "http://127.0.0.1:$nport/availability.json"
read -r _ n_rps n_p50 n_p99 _ < <(wrk_run nginx-availability "http://127.0.0.1:$nport/availability.json")
read -r _ m_rps m_p50 m_p99 _ < <(wrk_run nginx-booking "http://127.0.0.1:$nport/booking.json")

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.0f%%", 100 * a / b }'; }
cat <<TABLE
| run | response bytes | requests/s | p50 ms | p99 ms | non-2xx |
| --- | ---: | ---: | ---: | ---: | ---: |
| GET /api/v1/availability (1 location, 1 week) | $avail_bytes | $a_rps | $a_p50 | $a_p99 | $a_non2xx |
| nginx, static file of the same size | $avail_bytes | $n_rps | $n_p50 | $n_p99 | 0 |
| POST /api/v1/appointments (distinct visits) | $book_bytes | $b_rps | $b_p50 | $b_p99 | $b_non2xx |
| nginx, static file of the same size | $book_bytes | $m_rps | $m_p50 | $m_p99 | 0 |

availability at $(ratio "$a_rps" "$n_rps") of the nginx ceiling; bookings at $(ratio "$b_rps" "$m_rps").
bookings: $created answered 201, $conflicts answered 409 and $others something else while wrk counted; $booked appointments in the database
(requests still in flight when wrk stopped complete after it); $double overlapping reservation pairs (double bookings).
TABLE
