// Patients: create, read, update (partial), search.
#include <fmt/format.h>

#include <limits>

#include "core/units.h"
#include "http/api.h"
#include "http/codec.h"
#include "http/json_reader.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using namespace kc::clinic;
using nlohmann::json;

struct PatientRoutes {
  PatientService& patients;
  const Scheduler& scheduler;  // the clinic's today
  SafetyFlags& flags;
};

void read_record(JsonReader& body, Patient& p, Need need) {
  body.only({"given_name", "family_name", "date_of_birth", "sex", "email", "phone", "weight", "rems_enrolled_on",
             "version"});
  read_patient(body, p, need);
  if (auto v = body.integer("version", Need::optional, 1, std::numeric_limits<std::int64_t>::max())) p.version = *v;
}

// Body problems first, then the domain's checks, all in one response.
std::vector<Error> all_problems(std::vector<Error> errors, const Patient& p, Instant now) {
  if (!errors.empty()) return errors;
  return check_patient(p, date::year_month_day{std::chrono::floor<date::days>(now)});
}

Answer create(const PatientRoutes& c, const ApiRequest& r) {
  KC_TRY(auto doc, json_body(r));
  std::vector<Error> errors;
  JsonReader body(doc, "", errors);
  Patient p;
  read_record(body, p, Need::required);
  if (body.has("version")) body.fail("version", "is set by the server");
  if (auto problems = all_problems(errors, p, c.scheduler.now()); !problems.empty())
    return validation_problem(problems);
  KC_TRY(auto stored, c.patients.create(p));
  auto response = json_response(201, patient_json(stored));
  response.headers.emplace_back("Location", fmt::format("/api/v1/patients/{}", stored.id));
  response.audit.resource_id = fmt::format("{}", stored.id);
  response.audit.patient_id = stored.id;
  return response;
}

Answer update(const PatientRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto doc, json_body(r));
  KC_TRY(auto p, c.patients.get(id));
  std::vector<Error> errors;
  JsonReader body(doc, "", errors);
  read_record(body, p, Need::optional);
  if (auto problems = all_problems(errors, p, c.scheduler.now()); !problems.empty())
    return validation_problem(problems);
  KC_TRY(auto stored, c.patients.update(p));
  return json_response(200, patient_json(stored));
}

// For staff who may know it (flags_view), the record says whether a safety
// flag is open; what it is about is on the clinicians' flag route.
Answer get(const PatientRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto p, c.patients.get(id));
  auto body = patient_json(p);
  if (r.principal.permissions.has(Permission::flags_view)) {
    KC_TRY(auto flagged, c.flags.flagged({id}));
    body["safety_flag"] = flagged.contains(id);
  }
  return json_response(200, body);
}

Answer search(const PatientRoutes& c, const ApiRequest& r) {
  PatientQuery q;
  q.name = std::string(r.query_param("q").value_or(""));
  if (auto dob = r.query_param("date_of_birth")) {
    const date::year_month_day today{std::chrono::floor<date::days>(c.scheduler.now())};
    KC_TRY(auto day, parse_birth_date(*dob, "date_of_birth", today));
    q.date_of_birth = day;
  }
  if (auto limit = r.query_param("limit")) {
    const bool digits = !limit->empty() && limit->size() < 5 &&
                        std::all_of(limit->begin(), limit->end(), [](char ch) { return ch >= '0' && ch <= '9'; });
    q.limit = digits ? std::stoi(std::string(*limit)) : -1;
  }
  q.location_ids = r.principal.location_ids;  // staff find the patients of their locations
  KC_TRY(auto found, c.patients.search(q));
  auto list = json::array();
  for (const auto& p : found) list.push_back(patient_json(p));
  return json_response(200, {{"patients", list}});
}

}  // namespace

void read_patient(JsonReader& body, Patient& p, Need need) {
  if (auto v = body.text("given_name", need)) p.given_name = *v;
  if (auto v = body.text("family_name", need)) p.family_name = *v;
  if (auto v = body.parsed<date::year_month_day>("date_of_birth", need, parse_date)) p.date_of_birth = *v;
  if (auto v = body.parsed<Sex>("sex", need, parse_sex)) p.sex = *v;
  if (auto v = body.text("email", Need::optional)) p.email = *v;
  if (auto v = body.text("phone", Need::optional)) p.phone = *v;
  if (auto v = body.parsed<double>("weight", Need::optional, units::parse_weight_kg)) p.weight_kg = *v;
  if (body.is_null("email")) p.email.clear();
  if (body.is_null("phone")) p.phone.clear();
  if (body.is_null("weight")) p.weight_kg.reset();
  if (auto v = body.parsed<date::year_month_day>("rems_enrolled_on", Need::optional, parse_date)) p.rems_enrolled_on = *v;
  if (body.is_null("rems_enrolled_on")) p.rems_enrolled_on.reset();
}

void add_patient_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<PatientRoutes> add(routes, {c.patients, c.scheduler, c.flags});
  add(Method::post, "/api/v1/patients", "createPatient",
      needs(Permission::demographics_write, "patient", scope::new_record), create);
  add(Method::get, "/api/v1/patients", "searchPatients",
      needs(Permission::demographics_read, "patient", scope::listing, "search"), search);
  add(Method::get, "/api/v1/patients/{id}", "getPatient",
      needs_or_owner(Permission::demographics_read, "patient", scope::patient_path), get);
  add(Method::patch, "/api/v1/patients/{id}", "updatePatient",
      needs_or_owner(Permission::demographics_write, "patient", scope::patient_path), update);
}

}  // namespace kc::http
