// Instruments, a patient's assignments, and score trends for charts.
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

struct QuestionnaireRoutes {
  Questionnaires& questionnaires;
};

Answer list_instruments(const QuestionnaireRoutes& c, const ApiRequest&) {
  auto list = json::array();
  for (const auto& ins : c.questionnaires.instruments()) list.push_back(instrument_summary_json(ins));
  return json_response(200, {{"instruments", list}});
}

Answer get_instrument(const QuestionnaireRoutes& c, const ApiRequest& r) {
  KC_TRY(auto ins, c.questionnaires.instrument(r.param("id").value_or("")));
  return json_response(200, instrument_json(*ins));
}

const measures::Instrument* instrument_of(const QuestionnaireRoutes& c, const Assignment& a) {
  return c.questionnaires.instrument(a.instrument).value_or(nullptr);
}

Answer assign(const QuestionnaireRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto in, read_body(r, {"instrument", "due"}));
  JsonReader& body = in->fields();
  AssignRequest request{id, body.text("instrument", Need::required).value_or(""),
                        body.parsed<Instant>("due", Need::optional, parse_instant)};
  if (!in->ok()) return in->problem();
  KC_TRY(auto a, c.questionnaires.assign(request, r.actor));
  auto response = json_response(201, assignment_json(a, instrument_of(c, a)));
  response.headers.emplace_back("Location", fmt::format("/api/v1/patients/{}/assignments", id));
  response.audit.resource_id = fmt::format("{}", a.id);
  return response;
}

Answer list_assignments(const QuestionnaireRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto list, c.questionnaires.assignments(id));
  auto out = json::array();
  for (const auto& a : list) out.push_back(assignment_json(a, instrument_of(c, a)));
  return json_response(200, {{"patient_id", id}, {"assignments", out}});
}

Answer scores(const QuestionnaireRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  const auto instrument = r.query_param("instrument");
  if (!instrument || instrument->empty())
    return validation_problem({{ErrorCode::invalid_argument, "instrument", "instrument: is required, e.g. phq9"}});
  KC_TRY(auto trend, c.questionnaires.trend(id, *instrument));
  return json_response(200, trend_json(id, trend));
}

}  // namespace

void add_questionnaire_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<QuestionnaireRoutes> add(routes, {c.questionnaires});
  add(Method::get, "/api/v1/instruments", "listInstruments", public_route(), list_instruments);
  add(Method::get, "/api/v1/instruments/{id}", "getInstrument", public_route(), get_instrument);
  add(Method::post, "/api/v1/patients/{id}/assignments", "assignQuestionnaire",
      needs(Permission::clinical_write, "assignment", scope::patient_path), assign);
  add(Method::get, "/api/v1/patients/{id}/assignments", "listAssignments",
      needs_or_owner(Permission::clinical_read, "assignment", scope::patient_path), list_assignments);
  add(Method::get, "/api/v1/patients/{id}/scores", "getScoreTrend",
      needs_or_owner(Permission::clinical_read, "score", scope::patient_path), scores);
}

}  // namespace kc::http
