// Where a patient is in care: the list, and a transfer of care to another
// location (docs/security.md, "Where a patient is in care").
#include <fmt/format.h>

#include "http/api.h"
#include "http/json_reader.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using namespace kc::clinic;
using nlohmann::json;

// Care rows reference a location of the directory (a foreign key), so `l` is set.
json care_json(const Directory& d, const CareLocation& c) {
  const Location* l = d.location(c.location_id);
  if (l == nullptr) return {{"location", nullptr}};
  return {{"location", l->code},
          {"since", format_instant(c.since, l->zone)},
          {"by", {{"kind", c.by.kind}, {"id", c.by.id}}},
          {"reason", c.reason}};
}

ApiResponse care_list(ApiContext& c, Id patient_id, int status) {
  auto care = c.patients.care_of(patient_id);
  if (!care) return problem(care.error());
  auto list = json::array();
  for (const auto& entry : *care) list.push_back(care_json(c.scheduler.directory(), entry));
  return json_response(status, {{"patient_id", patient_id}, {"care_locations", list}});
}

ApiResponse list(ApiContext& c, const ApiRequest& r) {
  auto id = id_param(r, "id");
  if (!id) return problem(id.error());
  return care_list(c, *id, 200);
}

// {"location": "dallas", "reason": "moved to Dallas; records go with her"}
ApiResponse transfer(ApiContext& c, const ApiRequest& r) {
  auto id = id_param(r, "id");
  if (!id) return problem(id.error());
  auto doc = json_body(r);
  if (!doc) return problem(doc.error());
  std::vector<Error> errors;
  JsonReader body(*doc, "", errors);
  body.only({"location", "reason"});
  const auto code = body.text("location", Need::required);
  const auto reason = body.text("reason", Need::required, TextKind::multiline);
  if (!errors.empty()) return validation_problem(errors);
  auto location = c.scheduler.directory().find_location(*code, "location");
  if (!location) return problem(location.error());
  auto added = c.patients.transfer_care(*id, (*location)->id, r.actor, *reason);
  if (!added) return problem(added.error());
  auto response = care_list(c, *id, 201);
  response.audit.resource_id = fmt::format("{}", *id);
  return response;
}

}  // namespace

void add_care_routes(std::vector<Route>& routes, ApiContext& c) {
  routes.push_back({Method::get, "/api/v1/patients/{id}/care-locations", "listCareLocations",
                    needs_or_owner(Permission::demographics_read, "patient", ScopeFrom::patient_path),
                    [&c](const ApiRequest& r) { return list(c, r); }});
  routes.push_back({Method::post, "/api/v1/patients/{id}/care-locations", "transferCare",
                    needs_or_owner(Permission::demographics_write, "patient", ScopeFrom::patient_path,
                                   "transfer_of_care"),
                    [&c](const ApiRequest& r) { return transfer(c, r); }});
}

}  // namespace kc::http
