#pragma once
// Who is asking (Principal), what a route needs (Access), what a request
// concerns (Scope) and the one authorization decision over the three.
#include <optional>
#include <string>
#include <vector>

#include "auth/permissions.h"
#include "clinic/model.h"

namespace kc::auth {

struct Principal {
  enum class Kind { anonymous, staff, patient } kind = Kind::anonymous;
  enum class Via { none, session, token } via = Via::none;
  clinic::Id account_id = 0;
  std::string email, display_name;
  std::vector<Role> roles;
  std::vector<clinic::Id> location_ids;  // staff: where they work
  std::optional<clinic::Id> patient_id;  // patients: their own record
  std::string staff_code;                // staff: their linked staff record ("" if none)
  PermissionSet permissions;             // roles' permissions, narrowed by a token's scope
  clinic::Id token_id = 0;               // when via == token

  bool authenticated() const { return kind != Kind::anonymous; }
  bool works_at(clinic::Id location_id) const;
  // The actor recorded in appointment histories: {"staff"|"patient", account id}.
  clinic::Actor actor() const;
  // Roles joined with '+' ("prescriber+admin"), for the audit trail.
  std::string role_names() const;
};

// What a route requires. A public route needs nothing; any other route names
// the permission staff need and whether the patient the resource belongs to
// may also call it (with self_service).
struct Access {
  Permission permission = Permission::undeclared;
  bool owner = false;
};

// What a request concerns, as resolved from its path, query or body before the
// handler runs (a request whose scope cannot be resolved is refused, so the
// decision never rests on a part nobody could read). Fails closed: staff must
// work at one of `location_ids` (an empty list admits nobody) unless the
// request is `unbound`, and an owner must be `patient_id`.
struct Scope {
  std::optional<clinic::Id> patient_id;  // the patient the resource belongs to
  std::vector<clinic::Id> location_ids;  // where it is
  // Names no located resource: a listing (the handler narrows it to the
  // caller's locations), a new record, or a patient in care nowhere yet.
  bool unbound = false;
};

enum class Verdict { allow, unauthenticated, forbidden };

// Whether the principal may try the route at all (holds the permission, or is a
// patient and the route admits owners). Checked before the scope is resolved,
// so that a refused caller learns nothing about which ids exist.
bool may_attempt(const Principal& who, const Access& access);

// The decision: public routes allow everyone; otherwise anonymous callers are
// unauthenticated; the owning patient is allowed on owner routes; staff need the
// permission, and for location-scoped permissions a bound resource must be at
// one of their locations.
Verdict authorize(const Principal& who, const Access& access, const Scope& scope);

}  // namespace kc::auth
