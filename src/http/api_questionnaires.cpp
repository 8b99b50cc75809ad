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

ApiResponse list_instruments(ApiContext& c) {
  auto list = json::array();
  for (const auto& ins : c.questionnaires.instruments()) list.push_back(instrument_summary_json(ins));
  return json_response(200, {{"instruments", list}});
}

ApiResponse get_instrument(ApiContext& c, const ApiRequest& r) {
  auto ins = c.questionnaires.instrument(r.param("id").value_or(""));
  if (!ins) return problem(ins.error());
  return json_response(200, instrument_json(**ins));
}

const measures::Instrument* instrument_of(ApiContext& c, const Assignment& a) {
  return c.questionnaires.instrument(a.instrument).value_or(nullptr);
}

ApiResponse assign(ApiContext& c, const ApiRequest& r) {
  auto id = id_param(r, "id");
  if (!id) return problem(id.error());
  auto doc = json_body(r);
  if (!doc) return problem(doc.error());
  std::vector<Error> errors;
  JsonReader body(*doc, "", errors);
  body.only({"instrument", "due"});
  AssignRequest request{*id, body.text("instrument", Need::required).value_or(""),
                        body.parsed<Instant>("due", Need::optional, parse_instant)};
  if (!errors.empty()) return validation_problem(errors);
  auto a = c.questionnaires.assign(request, r.actor);
  if (!a) return problem(a.error());
  auto response = json_response(201, assignment_json(*a, instrument_of(c, *a)));
  response.headers.emplace_back("Location", fmt::format("/api/v1/patients/{}/assignments", *id));
  response.audit.resource_id = fmt::format("{}", a->id);
  return response;
}

ApiResponse list_assignments(ApiContext& c, const ApiRequest& r) {
  auto id = id_param(r, "id");
  if (!id) return problem(id.error());
  auto list = c.questionnaires.assignments(*id);
  if (!list) return problem(list.error());
  auto out = json::array();
  for (const auto& a : *list) out.push_back(assignment_json(a, instrument_of(c, a)));
  return json_response(200, {{"patient_id", *id}, {"assignments", out}});
}

ApiResponse scores(ApiContext& c, const ApiRequest& r) {
  auto id = id_param(r, "id");
  if (!id) return problem(id.error());
  const auto instrument = r.query_param("instrument");
  if (!instrument || instrument->empty())
    return validation_problem({{ErrorCode::invalid_argument, "instrument", "instrument: is required, e.g. phq9"}});
  auto trend = c.questionnaires.trend(*id, *instrument);
  if (!trend) return problem(trend.error());
  return json_response(200, trend_json(*id, *trend));
}

}  // namespace

void add_questionnaire_routes(std::vector<Route>& routes, ApiContext& c) {
  routes.push_back({Method::get, "/api/v1/instruments", "listInstruments", public_route(),
                    [&c](const ApiRequest&) { return list_instruments(c); }});
  routes.push_back({Method::get, "/api/v1/instruments/{id}", "getInstrument", public_route(),
                    [&c](const ApiRequest& r) { return get_instrument(c, r); }});
  routes.push_back({Method::post, "/api/v1/patients/{id}/assignments", "assignQuestionnaire",
                    needs(Permission::clinical_write, "assignment", ScopeFrom::patient_path),
                    [&c](const ApiRequest& r) { return assign(c, r); }});
  routes.push_back({Method::get, "/api/v1/patients/{id}/assignments", "listAssignments",
                    needs_or_owner(Permission::clinical_read, "assignment", ScopeFrom::patient_path),
                    [&c](const ApiRequest& r) { return list_assignments(c, r); }});
  routes.push_back({Method::get, "/api/v1/patients/{id}/scores", "getScoreTrend",
                    needs_or_owner(Permission::clinical_read, "score", ScopeFrom::patient_path),
                    [&c](const ApiRequest& r) { return scores(c, r); }});
}

}  // namespace kc::http
