#include "auth/access.h"

#include <algorithm>
#include <fmt/format.h>

namespace kc::auth {
namespace {

bool owner_eligible(const Principal& who, const Access& access) {
  return access.owner && who.permissions.has(Permission::self_service) && who.patient_id.has_value();
}

bool at_one_of(const Principal& who, const std::vector<clinic::Id>& locations) {
  return std::any_of(locations.begin(), locations.end(), [&](clinic::Id l) { return who.works_at(l); });
}

}  // namespace

bool Principal::works_at(clinic::Id location_id) const {
  return std::find(location_ids.begin(), location_ids.end(), location_id) != location_ids.end();
}

clinic::Actor Principal::actor() const {
  switch (kind) {
    case Kind::staff: return {"staff", fmt::format("{}", account_id)};
    case Kind::patient: return {"patient", fmt::format("{}", account_id)};
    case Kind::anonymous: break;
  }
  return {};
}

std::string Principal::role_names() const {
  std::string out;
  for (auto r : roles) out += fmt::format("{}{}", out.empty() ? "" : "+", to_string(r));
  return out;
}

bool may_attempt(const Principal& who, const Access& access) {
  if (access.permission == Permission::public_) return true;
  return who.permissions.has(access.permission) || owner_eligible(who, access);
}

Verdict authorize(const Principal& who, const Access& access, const Scope& scope) {
  if (access.permission == Permission::public_) return Verdict::allow;
  if (!who.authenticated()) return Verdict::unauthenticated;
  if (who.permissions.has(access.permission)) {
    if (!location_scoped(access.permission) || scope.unbound) return Verdict::allow;
    return at_one_of(who, scope.location_ids) ? Verdict::allow : Verdict::forbidden;
  }
  if (!owner_eligible(who, access)) return Verdict::forbidden;
  return scope.patient_id && *scope.patient_id == *who.patient_id ? Verdict::allow : Verdict::forbidden;
}

}  // namespace kc::auth
