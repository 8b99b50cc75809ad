// Safety flags: a patient's flags (with reasons for clinicians, clinical_read;
// for the front desk, flags_view only, that a flag exists and nothing more),
// the flags of a location's day (that a flag exists), and the clinician's
// acknowledgement.
#include <fmt/format.h>

#include <map>

#include "http/api.h"
#include "http/codec.h"
#include "http/json_reader.h"
#include "http/measures_codec.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using namespace kc::clinic;
using nlohmann::json;

constexpr std::size_t kMaxAction = 2000;

Result<bool> open_only(const ApiRequest& r) {
  const auto status = r.query_param("status").value_or("open");
  if (status == "open") return true;
  if (status == "all") return false;
  return fail(ErrorCode::invalid_argument, "status", fmt::format("status: '{}' is not one of open, all", status));
}

ApiResponse patient_flags(ApiContext& c, const ApiRequest& r) {
  auto id = id_param(r, "id");
  if (!id) return problem(id.error());
  auto only_open = open_only(r);
  if (!only_open) return problem(only_open.error());
  auto flags = c.flags.of_patient(*id, *only_open);
  if (!flags) return problem(flags.error());
  auto patient = c.patients.get(*id);
  if (!patient) return problem(patient.error());
  const bool clinical = r.principal.permissions.has(Permission::clinical_read);
  auto list = json::array();
  for (const auto& f : *flags) list.push_back(clinical ? flag_json(f) : flag_summary_json(f, patient->display_name()));
  return json_response(200, {{"patient_id", *id}, {"flags", list}});
}

Result<std::map<Id, std::string>> names_of(ApiContext& c, const std::vector<Flag>& flags) {
  std::vector<Id> ids;
  for (const auto& f : flags)
    if (std::find(ids.begin(), ids.end(), f.patient_id) == ids.end()) ids.push_back(f.patient_id);
  auto patients = c.store.patients(ids);
  if (!patients) return std::unexpected(patients.error());
  std::map<Id, std::string> out;
  for (const auto& p : *patients) out.emplace(p.id, p.display_name());
  return out;
}

ApiResponse board_flags(ApiContext& c, const ApiRequest& r) {
  FlagBoardQuery q;
  q.location = std::string(r.query_param("location").value_or(""));
  // Required: staff see the flags of their own locations (the route's scope).
  if (q.location.empty())
    return validation_problem({{ErrorCode::invalid_argument, "location", "location: is required, e.g. allen"}});
  if (auto day = r.query_param("date")) {
    auto parsed = parse_clinic_date(*day, "date");
    if (!parsed) return problem(parsed.error());
    q.date = *parsed;
  }
  auto only_open = open_only(r);
  if (!only_open) return problem(only_open.error());
  q.open_only = *only_open;
  auto flags = c.flags.board(q);
  if (!flags) return problem(flags.error());
  auto names = names_of(c, *flags);
  if (!names) return problem(names.error());
  auto list = json::array();
  for (const auto& f : *flags) list.push_back(flag_summary_json(f, (*names)[f.patient_id]));
  return json_response(200, {{"flags", list}});
}

ApiResponse acknowledge(ApiContext& c, const ApiRequest& r) {
  auto id = id_param(r, "id");
  if (!id) return problem(id.error());
  auto doc = json_body(r);
  if (!doc) return problem(doc.error());
  std::vector<Error> errors;
  JsonReader body(*doc, "", errors);
  body.only({"staff", "action_taken"});
  AcknowledgeRequest request{body.text("staff", Need::required).value_or(""),
                             body.text("action_taken", Need::required, TextKind::multiline).value_or("")};
  if (request.action_taken.size() > kMaxAction) body.fail("action_taken", "must be at most 2000 characters");
  if (!errors.empty()) return validation_problem(errors);
  auto flag = c.flags.acknowledge(*id, request, r.actor);
  if (!flag) return problem(flag.error());
  return json_response(200, flag_json(*flag));
}

}  // namespace

void add_flag_routes(std::vector<Route>& routes, ApiContext& c) {
  routes.push_back({Method::get, "/api/v1/patients/{id}/flags", "listPatientFlags",
                    needs(Permission::flags_view, "flag", ScopeFrom::patient_path),
                    [&c](const ApiRequest& r) { return patient_flags(c, r); }});
  routes.push_back({Method::get, "/api/v1/flags", "listFlags",
                    needs(Permission::flags_view, "flag", ScopeFrom::location_query),
                    [&c](const ApiRequest& r) { return board_flags(c, r); }});
  routes.push_back({Method::post, "/api/v1/flags/{id}/acknowledgement", "acknowledgeFlag",
                    needs(Permission::clinical_write, "flag", ScopeFrom::flag_path, "acknowledge"),
                    [&c](const ApiRequest& r) { return acknowledge(c, r); }});
}

}  // namespace kc::http
