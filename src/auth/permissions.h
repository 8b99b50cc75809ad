#pragma once
// Roles, permissions and the ONE table that says which role holds which
// permission (docs/security.md prints it). Every check in the server goes
// through this table: a route declares the permission it needs, a principal
// holds the union of its roles' permissions (narrowed by an API token's scope).
//
// Location scoping: permissions on patient data (schedule, demographics, flags,
// clinical) apply only at the staff member's locations; administrative
// permissions are organisation-wide. A patient belongs to the locations they are
// in care at (clinic::CareLocation: placed by a first booking, their own booking
// or a transfer of care); a patient in care nowhere yet is visible to staff
// holding the permission at any location (so that the front desk can book a
// newly registered patient's first visit).
#include <cstdint>
#include <initializer_list>
#include <span>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace kc::auth {

enum class Role : std::uint8_t { patient, front_desk, nurse, prescriber, admin };
inline constexpr Role kRoles[] = {Role::patient, Role::front_desk, Role::nurse, Role::prescriber, Role::admin};
std::string_view to_string(Role role);
Result<Role> parse_role(std::string_view text, std::string_view field);

// To add a permission: append it here and to kPermissionNames (permissions.cpp),
// grant it in kRoleTable, and document it in docs/security.md.
enum class Permission : std::uint8_t {
  undeclared,          // a route that declares nothing: refused at start-up
  public_,             // anyone, without an account
  account_self,        // one's own session and account
  self_service,        // a patient on their own record and appointments
  schedule_read,       // appointments, day board
  schedule_write,      // book for a patient, check-in, status changes, cancel
  demographics_read,   // patient records: name, birth date, contact
  demographics_write,
  flags_view,          // THAT a safety flag exists, never the answers
  clinical_read,       // questionnaires and answers, sessions, vitals, notes
  clinical_write,
  clinical_signoff,    // sign a session or a plan
  pharm_simulate,      // PK simulation for a patient
  api_tokens,          // create and revoke one's own API tokens
  admin_users,         // staff accounts
  admin_settings,      // locations, protocols, thresholds
  audit_read,          // the audit trail
};
inline constexpr int kPermissionCount = static_cast<int>(Permission::audit_read) + 1;
std::string_view to_string(Permission permission);
Result<Permission> parse_permission(std::string_view text, std::string_view field);
// True for permissions that apply only at a staff member's locations.
bool location_scoped(Permission permission);

// A small set of permissions (a bit per permission).
class PermissionSet {
 public:
  constexpr PermissionSet() = default;
  constexpr PermissionSet(std::initializer_list<Permission> list) {
    for (auto p : list) add(p);
  }
  constexpr void add(Permission p) { bits_ |= bit(p); }
  constexpr void remove(Permission p) { bits_ &= ~bit(p); }
  constexpr bool has(Permission p) const { return (bits_ & bit(p)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr PermissionSet operator|(PermissionSet o) const { return from_bits(bits_ | o.bits_); }
  constexpr PermissionSet operator&(PermissionSet o) const { return from_bits(bits_ & o.bits_); }
  constexpr bool contains(PermissionSet o) const { return (bits_ & o.bits_) == o.bits_; }
  std::vector<Permission> list() const;
  friend constexpr bool operator==(PermissionSet, PermissionSet) = default;

 private:
  static constexpr std::uint32_t bit(Permission p) { return std::uint32_t{1} << static_cast<int>(p); }
  static constexpr PermissionSet from_bits(std::uint32_t b) {
    PermissionSet s;
    s.bits_ = b;
    return s;
  }
  std::uint32_t bits_ = 0;
};

// The table: what each role may do.
PermissionSet permissions_of(Role role);
PermissionSet permissions_of(std::span<const Role> roles);

// What an API token may carry: a staff member's permissions minus managing
// sessions and tokens (a leaked token must not mint more tokens).
PermissionSet token_grantable(PermissionSet held);

// Roles that work with patient data and so need at least one location.
bool needs_location(Role role);

}  // namespace kc::auth
