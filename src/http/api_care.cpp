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

struct CareRoutes {
  PatientService& patients;
  const Directory& directory;
};

Answer care_list(const CareRoutes& c, Id patient_id, int status) {
  KC_TRY(auto care, c.patients.care_of(patient_id));
  auto list = json::array();
  for (const auto& entry : care) list.push_back(care_json(c.directory, entry));
  return json_response(status, {{"patient_id", patient_id}, {"care_locations", list}});
}

Answer list(const CareRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  return care_list(c, id, 200);
}

// {"location": "dallas", "reason": "moved to Dallas; records go with her"}
Answer transfer(const CareRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto in, read_body(r, {"location", "reason"}));
  JsonReader& body = in->fields();
  const auto code = body.text("location", Need::required);
  const auto reason = body.text("reason", Need::required, TextKind::multiline);
  if (!in->ok()) return in->problem();
  KC_TRY(auto location, c.directory.find_location(*code, "location"));
  KC_CHECK(c.patients.transfer_care(id, location->id, r.actor, *reason));
  KC_TRY(auto response, care_list(c, id, 201));
  response.audit.resource_id = fmt::format("{}", id);
  return response;
}

}  // namespace

void add_care_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<CareRoutes> add(routes, {c.patients, c.scheduler.directory()});
  add(Method::get, "/api/v1/patients/{id}/care-locations", "listCareLocations",
      needs_or_owner(Permission::demographics_read, "patient", scope::patient_path), list);
  add(Method::post, "/api/v1/patients/{id}/care-locations", "transferCare",
      needs_or_owner(Permission::demographics_write, "patient", scope::patient_path, "transfer_of_care"), transfer);
}

}  // namespace kc::http
