// Eligibility screening: facts -> the rule set's proposal with reasons; the
// prescriber's decision with a note; a patient's screenings.
#include <fmt/format.h>

#include "http/api.h"
#include "http/codec.h"
#include "http/json_reader.h"
#include "http/measures_codec.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using namespace kc::clinic;
using nlohmann::json;

struct ScreeningRoutes {
  Screenings& screenings;
};

constexpr std::size_t kMaxNote = 2000;

template <class T>
Result<T> parse_named(std::string_view text, std::string_view field, std::optional<T> (*parse)(std::string_view),
                      std::string_view allowed) {
  if (auto v = parse(text)) return *v;
  return fail(ErrorCode::invalid_argument, std::string(field),
              fmt::format("{}: '{}' is not one of {}", field, text, allowed));
}

Result<measures::Treatment> parse_treatment(std::string_view text, std::string_view field) {
  return parse_named<measures::Treatment>(text, field, measures::parse_treatment, "iv_ketamine, esketamine");
}

measures::Medication read_medication(JsonReader& m) {
  m.only({"name", "classes", "lorazepam_eq_mg_per_day"});
  measures::Medication med;
  med.name = m.text("name", Need::required).value_or("");
  for (const auto& name : m.texts("classes", Need::optional).value_or(std::vector<std::string>{})) {
    auto c = measures::parse_medication_class(name);
    if (!c)
      m.fail("classes", fmt::format("'{}' is not one of benzodiazepine, sedative_hypnotic, psychostimulant, "
                                    "maoi, opioid",
                                    name));
    else
      med.classes.push_back(*c);
  }
  med.lorazepam_eq_mg_per_day = m.number("lorazepam_eq_mg_per_day", Need::optional, 0, 1000);
  return med;
}

ScreeningRequest read_screening(JsonReader& body) {
  body.only({"treatment", "pregnant", "systolic_mmhg", "diastolic_mmhg", "medications"});
  ScreeningRequest s;
  s.treatment = body.parsed<measures::Treatment>("treatment", Need::required, parse_treatment)
                    .value_or(measures::Treatment::iv_ketamine);
  s.pregnant = body.boolean("pregnant", Need::optional);
  if (auto v = body.integer("systolic_mmhg", Need::optional, 40, 300)) s.systolic_mmhg = static_cast<int>(*v);
  if (auto v = body.integer("diastolic_mmhg", Need::optional, 20, 200)) s.diastolic_mmhg = static_cast<int>(*v);
  if (auto list = body.objects("medications", Need::optional)) {
    s.medications.emplace();
    for (auto& m : *list) s.medications->push_back(read_medication(m));
  }
  return s;
}

Answer screen(const ScreeningRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto doc, json_body(r));
  std::vector<Error> errors;
  JsonReader body(doc, "", errors);
  auto request = read_screening(body);
  if (!errors.empty()) return validation_problem(errors);
  KC_TRY(auto s, c.screenings.screen(id, request, r.actor));
  auto response = json_response(201, screening_json(s));
  response.headers.emplace_back("Location", fmt::format("/api/v1/patients/{}/screening", id));
  response.audit.resource_id = fmt::format("{}", s.id);
  return response;
}

Result<measures::Decision> parse_decision(std::string_view text, std::string_view field) {
  if (text == "eligible") return measures::Decision::eligible;
  if (text == "not_eligible") return measures::Decision::not_eligible;
  return fail(ErrorCode::invalid_argument, std::string(field),
              fmt::format("{}: '{}' is not one of eligible, not_eligible", field, text));
}

Answer decide(const ScreeningRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto in, read_body(r, {"decision", "note"}));
  JsonReader& body = in->fields();
  // Signed as the signed-in account's staff record: no name in the body.
  DecisionRequest request{
      body.parsed<measures::Decision>("decision", Need::required, parse_decision).value_or(measures::Decision{}),
      r.principal.staff_code,
      body.text("note", Need::required, TextKind::multiline).value_or("")};
  if (request.note.size() > kMaxNote) body.fail("note", "must be at most 2000 characters");
  if (!in->ok()) return in->problem();
  KC_TRY(auto s, c.screenings.decide(id, request, r.actor));
  return json_response(200, screening_json(s));
}

Answer list(const ScreeningRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto all, c.screenings.of_patient(id));
  auto out = json::array();
  for (const auto& s : all) out.push_back(screening_json(s));
  return json_response(200, {{"patient_id", id}, {"screenings", out}});
}

}  // namespace

void add_screening_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<ScreeningRoutes> add(routes, {c.screenings});
  add(Method::post, "/api/v1/patients/{id}/screening", "screenPatient",
      needs(Permission::clinical_write, "screening", scope::patient_path), screen);
  add(Method::get, "/api/v1/patients/{id}/screening", "listScreenings",
      needs(Permission::clinical_read, "screening", scope::patient_path), list);
  add(Method::post, "/api/v1/screenings/{id}/decision", "decideScreening",
      needs(Permission::clinical_signoff, "screening", scope::screening_path, "decide"), decide);
}

}  // namespace kc::http
