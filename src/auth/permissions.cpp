#include "auth/permissions.h"

#include <fmt/format.h>

#include <algorithm>

namespace kc::auth {
namespace {

constexpr std::string_view kRoleNames[] = {"patient", "front_desk", "nurse", "prescriber", "admin"};

constexpr std::string_view kPermissionNames[] = {
    "undeclared",     "public",          "account_self",       "self_service",   "schedule_read",
    "schedule_write", "demographics_read", "demographics_write", "flags_view",   "clinical_read",
    "clinical_write", "clinical_signoff", "pharm_simulate",     "api_tokens",     "admin_users",
    "admin_settings", "audit_read",
};
static_assert(std::size(kPermissionNames) == kPermissionCount);

using P = Permission;

// Front desk runs the schedule and the demographics of their locations and may
// see that a safety flag exists (to fetch a clinician), never clinical content.
constexpr PermissionSet kFrontDesk{P::account_self,      P::api_tokens,         P::schedule_read, P::schedule_write,
                                   P::demographics_read, P::demographics_write, P::flags_view};
// Nurses chart sessions, vitals and questionnaires; they read the schedule and
// demographics but do not book or edit records.
constexpr PermissionSet kNurse{P::account_self,  P::api_tokens,    P::schedule_read,  P::demographics_read,
                               P::flags_view,    P::clinical_read, P::clinical_write, P::pharm_simulate};

struct RoleGrant {
  Role role;
  PermissionSet permissions;
};

// THE permission table.
constexpr RoleGrant kRoleTable[] = {
    {Role::patient, {P::account_self, P::self_service}},
    {Role::front_desk, kFrontDesk},
    {Role::nurse, kNurse},
    {Role::prescriber, kNurse | PermissionSet{P::clinical_signoff}},
    // Administrators see no clinical content unless they also hold a clinical role.
    {Role::admin, {P::account_self, P::api_tokens, P::admin_users, P::admin_settings, P::audit_read}},
};

constexpr PermissionSet kLocationScoped{P::schedule_read,      P::schedule_write, P::demographics_read,
                                        P::demographics_write, P::flags_view,     P::clinical_read,
                                        P::clinical_write,     P::clinical_signoff};

}  // namespace

std::string_view to_string(Role role) { return kRoleNames[static_cast<int>(role)]; }

Result<Role> parse_role(std::string_view text, std::string_view field) {
  for (auto r : kRoles)
    if (to_string(r) == text) return r;
  return fail(ErrorCode::invalid_argument, std::string(field),
              fmt::format("{}: '{}' is not a role (patient, front_desk, nurse, prescriber, admin)", field, text));
}

std::string_view to_string(Permission permission) { return kPermissionNames[static_cast<int>(permission)]; }

Result<Permission> parse_permission(std::string_view text, std::string_view field) {
  const auto* it = std::find(std::begin(kPermissionNames), std::end(kPermissionNames), text);
  if (it == std::end(kPermissionNames) || it == std::begin(kPermissionNames))
    return fail(ErrorCode::invalid_argument, std::string(field), fmt::format("{}: '{}' is not a permission", field, text));
  return static_cast<Permission>(it - std::begin(kPermissionNames));
}

bool location_scoped(Permission permission) { return kLocationScoped.has(permission); }

std::vector<Permission> PermissionSet::list() const {
  std::vector<Permission> out;
  for (int i = 0; i < kPermissionCount; ++i)
    if (has(static_cast<Permission>(i))) out.push_back(static_cast<Permission>(i));
  return out;
}

PermissionSet permissions_of(Role role) {
  for (const auto& grant : kRoleTable)
    if (grant.role == role) return grant.permissions;
  return {};
}

PermissionSet permissions_of(std::span<const Role> roles) {
  PermissionSet out;
  for (auto r : roles) out = out | permissions_of(r);
  return out;
}

PermissionSet token_grantable(PermissionSet held) {
  held.remove(P::account_self);
  held.remove(P::api_tokens);
  held.remove(P::self_service);
  return held;
}

bool needs_location(Role role) { return !(permissions_of(role) & kLocationScoped).empty() && role != Role::patient; }

}  // namespace kc::auth
