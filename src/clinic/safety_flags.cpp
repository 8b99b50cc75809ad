#include "clinic/safety_flags.h"

#include <fmt/format.h>

#include <algorithm>

#include "clinic/signer.h"

namespace kc::clinic {

Result<std::vector<Flag>> SafetyFlags::of_patient(Id patient_id, bool open_only) {
  if (auto p = clinic_.patient(patient_id); !p) return std::unexpected(p.error());
  return store_.flags({std::vector<Id>{patient_id}, open_only});
}

Result<std::vector<Id>> SafetyFlags::patients_at(const std::string& location, std::optional<date::year_month_day> date) {
  auto loc = directory_.find_location(location, "location");
  if (!loc) return std::unexpected(loc.error());
  const Zone zone = (*loc)->zone;
  const date::local_days day = date ? date::local_days{*date} : local_day(clock_.now(), zone);
  auto appointments = clinic_.appointments_at((*loc)->id, {to_instant(day, 0, zone), to_instant(day + date::days(1), 0, zone)});
  if (!appointments) return std::unexpected(appointments.error());
  std::vector<Id> ids;
  for (const auto& a : *appointments)
    if (a.status != Status::cancelled && std::find(ids.begin(), ids.end(), a.patient_id) == ids.end())
      ids.push_back(a.patient_id);
  return ids;
}

Result<std::vector<Flag>> SafetyFlags::board(const FlagBoardQuery& query) {
  if (query.location.empty()) {
    if (query.date) return fail(ErrorCode::invalid_argument, "date", "date: goes with a location");
    return store_.flags({std::nullopt, query.open_only});
  }
  auto ids = patients_at(query.location, query.date);
  if (!ids) return std::unexpected(ids.error());
  if (ids->empty()) return std::vector<Flag>{};
  return store_.flags({std::move(*ids), query.open_only});
}

Result<std::set<Id>> SafetyFlags::flagged(const std::vector<Id>& patients) {
  std::set<Id> out;
  if (patients.empty()) return out;
  auto open = store_.flags({patients, true});
  if (!open) return std::unexpected(open.error());
  for (const auto& f : *open) out.insert(f.patient_id);
  return out;
}

Result<Flag> SafetyFlags::acknowledge(Id flag_id, const AcknowledgeRequest& request, const Actor& actor) {
  auto staff = signing_staff(directory_, request.staff, {Role::prescriber, Role::nurse});
  if (!staff) return std::unexpected(staff.error());
  if (request.action_taken.empty())
    return fail(ErrorCode::invalid_argument, "action_taken", "action_taken: say what was done");
  auto flag = store_.flag(flag_id);
  if (!flag) return std::unexpected(Error{flag.error().code, "id", flag.error().message});
  return store_.acknowledge(flag_id, {(*staff)->code, actor, clock_.now(), request.action_taken});
}

}  // namespace kc::clinic
