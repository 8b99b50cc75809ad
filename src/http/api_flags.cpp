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

struct FlagRoutes {
  SafetyFlags& flags;
  PatientService& patients;
  ClinicStore& store;
  FlagInbox& inbox;
};

Result<bool> open_only(const ApiRequest& r) {
  const auto status = r.query_param("status").value_or("open");
  if (status == "open") return true;
  if (status == "all") return false;
  return fail(ErrorCode::invalid_argument, "status", fmt::format("status: '{}' is not one of open, all", status));
}

Answer patient_flags(const FlagRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto only_open, open_only(r));
  KC_TRY(auto flags, c.flags.of_patient(id, only_open));
  KC_TRY(auto patient, c.patients.get(id));
  const bool clinical = r.principal.permissions.has(Permission::clinical_read);
  auto list = json::array();
  for (const auto& f : flags) list.push_back(clinical ? flag_json(f) : flag_summary_json(f, patient.display_name()));
  return json_response(200, {{"patient_id", id}, {"flags", list}});
}

Result<std::map<Id, std::string>> names_of(const FlagRoutes& c, const std::vector<Flag>& flags) {
  std::vector<Id> ids;
  for (const auto& f : flags)
    if (std::find(ids.begin(), ids.end(), f.patient_id) == ids.end()) ids.push_back(f.patient_id);
  KC_TRY(auto patients, c.store.patients(ids));
  std::map<Id, std::string> out;
  for (const auto& p : patients) out.emplace(p.id, p.display_name());
  return out;
}

Answer board_flags(const FlagRoutes& c, const ApiRequest& r) {
  FlagBoardQuery q;
  // The route's scope has made sure ?location= names a location.
  q.location = std::string(r.query_param("location").value_or(""));
  if (auto day = r.query_param("date")) {
    KC_TRY(q.date, parse_clinic_date(*day, "date"));
  }
  KC_TRY(q.open_only, open_only(r));
  KC_TRY(auto flags, c.flags.board(q));
  KC_TRY(auto names, names_of(c, flags));
  auto list = json::array();
  for (const auto& f : flags) list.push_back(flag_summary_json(f, names[f.patient_id]));
  return json_response(200, {{"flags", list}});
}

// One inbox entry: that a flag is open, how long, whom it is escalated to and
// how to reach the patient, for everyone with flags_view; for clinicians also
// what raised it and the answer given.
json inbox_entry_json(const InboxEntry& e, bool clinical) {
  auto on_duty = json::array();
  for (const auto* s : e.on_duty) on_duty.push_back({{"code", s->code}, {"name", s->display_name}});
  json out = flag_summary_json(e.flag, e.patient.display_name());
  out["patient"]["phone"] = e.patient.phone.empty() ? json(nullptr) : json(e.patient.phone);
  out["age_min"] = e.age.count();
  out["escalated"] = e.escalated;
  out["escalated_to"] = on_duty;
  if (clinical) {
    out["kind"] = e.flag.raised.kind;
    out["reason"] = e.flag.raised.reason;
    out["instrument"] = e.flag.instrument;
    out["answer"] = e.answer ? json(*e.answer) : json(nullptr);
  }
  return out;
}

Answer inbox(const FlagRoutes& c, const ApiRequest& r) {
  // The route's scope has made sure ?location= names one of the caller's locations.
  const std::string location(r.query_param("location").value_or(""));
  KC_TRY(auto entries, c.inbox.of_location(location));
  const bool clinical = r.principal.permissions.has(Permission::clinical_read);
  auto list = json::array();
  int urgent = 0, escalated = 0;
  for (const auto& e : entries) {
    list.push_back(inbox_entry_json(e, clinical));
    urgent += e.flag.raised.requires_acknowledgement();
    escalated += e.escalated;
  }
  return json_response(200, {{"location", location},
                             {"open", entries.size()},
                             {"urgent", urgent},
                             {"escalated", escalated},
                             {"escalate_after_min", c.inbox.policy().escalate_after.count()},
                             {"flags", list}});
}

Answer acknowledge(const FlagRoutes& c, const ApiRequest& r) {
  KC_TRY(auto id, id_param(r, "id"));
  KC_TRY(auto in, read_body(r, {"action_taken"}));
  JsonReader& body = in->fields();
  // Signed as the signed-in account's staff record: no name in the body.
  AcknowledgeRequest request{r.principal.staff_code,
                             body.text("action_taken", Need::required, TextKind::multiline).value_or("")};
  if (request.action_taken.size() > kMaxAction) body.fail("action_taken", "must be at most 2000 characters");
  if (!in->ok()) return in->problem();
  KC_TRY(auto flag, c.flags.acknowledge(id, request, r.actor));
  return json_response(200, flag_json(flag));
}

}  // namespace

void add_flag_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<FlagRoutes> add(routes, {c.flags, c.patients, c.store, c.inbox});
  add(Method::get, "/api/v1/flags/inbox", "flagInbox", needs(Permission::flags_view, "flag", scope::location_query),
      inbox);
  add(Method::get, "/api/v1/patients/{id}/flags", "listPatientFlags",
      needs(Permission::flags_view, "flag", scope::patient_path), patient_flags);
  add(Method::get, "/api/v1/flags", "listFlags", needs(Permission::flags_view, "flag", scope::location_query),
      board_flags);
  add(Method::post, "/api/v1/flags/{id}/acknowledgement", "acknowledgeFlag",
      needs(Permission::clinical_write, "flag", scope::flag_path, "acknowledge"), acknowledge);
}

}  // namespace kc::http
