-- wrk script: every request books a different telehealth follow-up at the
-- synthetic "bench" clinic (bench/data/bench_clinic.json, 40 prescribers open
-- around the clock). Request n (counted across all wrk threads) books patient
-- FIRST_PATIENT + n % PATIENTS at BASE + floor(n / PATIENTS) * 30 min, so each
-- start is asked for exactly PATIENTS times (the clinic's capacity) and no
-- patient is asked to be in two visits at once: every request should get 201.
local patients = tonumber(os.getenv("KC_PATIENTS") or "40")
local first_patient = tonumber(os.getenv("KC_FIRST_PATIENT") or "1")
local base = tonumber(os.getenv("KC_BASE_EPOCH"))
local nthreads = tonumber(os.getenv("KC_WRK_THREADS") or "1")
local token = os.getenv("KC_TOKEN") or ""  -- a front-desk API token (bench/http_bench.sh makes one)

local all_threads = {}
local next_id = 0

function setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
  table.insert(all_threads, thread)
end

counter = 0
created = 0
conflicts = 0
others = 0
last_other = 0

function request()
  local n = id + counter * nthreads
  counter = counter + 1
  local patient = first_patient + n % patients
  local start = base + math.floor(n / patients) * 1800
  local body = string.format(
    '{"patient_id":%d,"location":"bench","type":"follow_up","mode":"telehealth","start":"%s"}',
    patient, os.date("!%Y-%m-%dT%H:%M:%SZ", start))
  return wrk.format("POST", "/api/v1/appointments",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 409 then
    conflicts = conflicts + 1
  else
    others = others + 1
    last_other = status  -- reported at the end, to tell what went wrong
  end
end

function done(summary, latency, requests)
  local c, k, o, last = 0, 0, 0, 0
  for _, t in ipairs(all_threads) do
    c = c + t:get("created")
    k = k + t:get("conflicts")
    o = o + t:get("others")
    if t:get("last_other") ~= 0 then last = t:get("last_other") end
  end
  io.write(string.format("BOOKINGS created=%d conflicts=%d others=%d last_other_status=%d\n", c, k, o, last))
end
