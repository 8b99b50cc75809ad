// Appointments: book (single or series), read with history, change, .ics.
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <variant>

#include "clinic/ics.h"
#include "http/api.h"
#include "http/codec.h"
#include "http/json_reader.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using namespace kc::clinic;
using nlohmann::json;

struct AppointmentRoutes {
  Scheduler& scheduler;
  const BookingGates& gates;
  std::string ics_domain;
};

constexpr std::size_t kMaxReason = 500;
constexpr std::size_t kMaxKey = 255;

Result<std::string> idempotency_key(const ApiRequest& r) {
  const auto& key = r.idempotency_key;
  const bool printable = std::all_of(key.begin(), key.end(), [](char c) { return c > 32 && c < 127; });
  if (key.size() > kMaxKey || !printable)
    return fail(ErrorCode::invalid_argument, "Idempotency-Key",
                "Idempotency-Key: must be 1 to 255 printable ASCII characters without spaces");
  return key;
}

std::optional<SeriesRequest> read_series(JsonReader& body) {
  auto s = body.object("series", Need::optional);
  if (!s) return std::nullopt;
  s->only({"count", "weekdays"});
  SeriesRequest series;
  series.count = static_cast<int>(s->integer("count", Need::optional, 2, 52).value_or(0));
  static constexpr std::string_view kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
  for (const auto& name : s->texts("weekdays", Need::optional).value_or(std::vector<std::string>{})) {
    const auto* it = std::find(std::begin(kDays), std::end(kDays), name);
    if (it == std::end(kDays))
      s->fail("weekdays", fmt::format("'{}' is not one of mon, tue, wed, thu, fri, sat, sun", name));
    else
      series.weekdays.push_back(date::weekday{static_cast<unsigned>(it - std::begin(kDays))});
  }
  return series;
}

std::string read_reason(JsonReader& body) {
  auto reason = body.text("reason", Need::optional, TextKind::multiline).value_or("");
  if (reason.size() > kMaxReason) body.fail("reason", "must be at most 500 characters");
  return reason;
}

json unmet_json(const std::vector<UnmetGate>& unmet) {
  auto list = json::array();
  for (const auto& g : unmet)
    list.push_back({{"gate", to_string(g.gate)},
                    {"code", refusal_code(g.gate)},
                    {"detail", g.message},
                    {"resolved_by", g.resolved_by},
                    {"source", g.source}});
  return list;
}

// The booking, or the problem that refuses it (a validation problem lists every field).
std::variant<BookingRequest, ApiResponse> booking_request(const ApiRequest& r) {
  auto doc = json_body(r);
  if (!doc) return problem(doc.error());
  auto key = idempotency_key(r);
  if (!key) return problem(key.error());
  std::vector<Error> errors;
  JsonReader body(*doc, "", errors);
  body.only({"patient_id", "location", "type", "mode", "start", "series", "reason"});
  BookingRequest b;
  b.patient_id = body.integer("patient_id", Need::required, 1, std::numeric_limits<std::int64_t>::max()).value_or(0);
  b.location = body.text("location", Need::required).value_or("");
  b.type = body.text("type", Need::required).value_or("");
  b.mode = body.parsed<Mode>("mode", Need::optional, parse_mode).value_or(Mode::in_person);
  b.start = body.parsed<Instant>("start", Need::required, parse_instant).value_or(Instant{});
  b.series = read_series(body);
  b.reason = read_reason(body);
  if (!errors.empty()) return validation_problem(errors);
  b.idempotency_key = *key;
  b.fingerprint = doc->dump();  // keys sorted: the same request always has the same text
  return b;
}

json alternatives_json(const std::vector<Interval>& slots, Zone zone) {
  auto list = json::array();
  for (const auto& s : slots) list.push_back(interval_json(s, zone));
  return list;
}

ApiResponse unavailable_problem(const BookingRequest& b, const BookingOutcome& o, Zone zone) {
  if (!b.series) {
    const auto& u = o.unavailable.front();
    return problem(u.why, {{"alternatives", alternatives_json(u.alternatives, zone)}});
  }
  auto list = json::array();
  for (const auto& u : o.unavailable)
    list.push_back({{"occurrence", u.occurrence},
                    {"start", format_instant(u.requested, zone)},
                    {"code", problem_code(u.why)},
                    {"detail", u.why.message},
                    {"alternatives", alternatives_json(u.alternatives, zone)}});
  const auto detail =
      fmt::format("{} of the series' visits cannot be booked; nothing was booked", o.unavailable.size());
  return problem(Error{ErrorCode::conflict, "start", detail, "series_unavailable"}, {{"unavailable", list}});
}

Answer book(const AppointmentRoutes& c, const ApiRequest& r) {
  auto parsed = booking_request(r);
  if (auto* response = std::get_if<ApiResponse>(&parsed)) return std::move(*response);
  const auto& b = std::get<BookingRequest>(parsed);
  if (auto ok = c.scheduler.check(b); !ok) return problem(ok.error());
  KC_TRY(auto gate, c.gates.check(b));
  if (gate.refusal) return problem(*gate.refusal, {{"unmet", unmet_json(gate.unmet)}});
  KC_TRY(auto outcome, c.scheduler.book(b, r.actor));
  const Directory& d = c.scheduler.directory();
  if (!outcome.unavailable.empty())
    return unavailable_problem(b, outcome, d.find_location(b.location, "location").value()->zone);
  json body;
  if (b.series) {
    body = {{"series_id", outcome.appointments.front().series_id.value_or(0)}, {"appointments", json::array()}};
    for (const auto& a : outcome.appointments) body["appointments"].push_back(appointment_json(d, a));
  } else {
    body = appointment_json(d, outcome.appointments.front());
  }
  auto response = json_response(201, body);
  response.headers.emplace_back("Location", fmt::format("/api/v1/appointments/{}", outcome.appointments.front().id));
  response.audit.resource_id = fmt::format("{}", outcome.appointments.front().id);
  response.audit.patient_id = b.patient_id;
  if (outcome.replayed) response.headers.emplace_back("Idempotent-Replayed", "true");
  return response;
}

Answer get_appointment(const AppointmentRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto a, c.scheduler.appointment(id));
  KC_TRY(auto history, c.scheduler.history(id));
  const Directory& d = c.scheduler.directory();
  json body = appointment_json(d, a);
  body["history"] = json::array();
  for (const auto& e : history) body["history"].push_back(event_json(e, d.location(a.location_id)->zone));
  return json_response(200, body);
}

Answer change_appointment(const AppointmentRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto in, read_body(r, {"status", "start", "reason"}));
  JsonReader& body = in->fields();
  ChangeRequest change{body.parsed<Status>("status", Need::optional, parse_status),
                       body.parsed<Instant>("start", Need::optional, parse_instant), read_reason(body)};
  if (!in->ok()) return in->problem();
  // Patients move or cancel their own visits; check-in and the rest is staff work.
  if (!r.principal.permissions.has(Permission::schedule_write) && change.status && *change.status != Status::cancelled)
    return problem(
        Error{ErrorCode::forbidden, "status", "status: patients may only cancel (or move) a visit", "forbidden"});
  KC_TRY(auto a, c.scheduler.change(id, change, r.actor));
  return json_response(200, appointment_json(c.scheduler.directory(), a));
}

// A patient's visits, oldest first: all of them for the patient, those at
// their own locations for staff (the others are not theirs to see).
Answer patient_appointments(const AppointmentRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto found, c.scheduler.appointments_of(id));
  const bool owner = r.principal.kind == auth::Principal::Kind::patient;
  const Directory& d = c.scheduler.directory();
  auto list = json::array();
  for (const auto& a : found)
    if (owner || r.principal.works_at(a.location_id)) list.push_back(appointment_json(d, a));
  return json_response(200, {{"appointments", list}});
}

Answer ics(const AppointmentRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto a, c.scheduler.appointment(id));
  const Directory& d = c.scheduler.directory();
  const IcsContext context{c.ics_domain, c.scheduler.now()};
  ApiResponse response{
      200, "text/calendar; charset=utf-8", to_ics(a, *d.location(a.location_id), *d.type(a.type_id), context), {}};
  response.headers.emplace_back("Content-Disposition", fmt::format("attachment; filename=\"appointment-{}.ics\"", id));
  return response;
}

}  // namespace

void add_appointment_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<AppointmentRoutes> add(routes, {c.scheduler, c.gates, c.ics_domain});
  add(Method::post, "/api/v1/appointments", "bookAppointment",
      needs_or_owner(Permission::schedule_write, "appointment", scope::booking_body), book);
  add(Method::get, "/api/v1/appointments/{id}", "getAppointment",
      needs_or_owner(Permission::schedule_read, "appointment", scope::appointment_path), get_appointment);
  add(Method::patch, "/api/v1/appointments/{id}", "changeAppointment",
      needs_or_owner(Permission::schedule_write, "appointment", scope::appointment_path), change_appointment);
  add(Method::get, "/api/v1/appointments/{id}.ics", "getAppointmentCalendar",
      needs_or_owner(Permission::schedule_read, "appointment", scope::appointment_path), ics);
  add(Method::get, "/api/v1/patients/{id}/appointments", "listPatientAppointments",
      needs_or_owner(Permission::schedule_read, "appointment", scope::patient_path), patient_appointments);
}

}  // namespace kc::http
