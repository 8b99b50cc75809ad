#pragma once
// Who signs a clinical write: the staff record linked to the signed-in
// account, never a name typed into the request (docs/security.md,
// "Attribution by login").
#include <initializer_list>
#include <string_view>

#include "clinic/directory.h"

namespace kc::clinic {

// The staff member with this code, or nullptr.
const StaffMember* find_staff(const Directory& directory, std::string_view code);

// The linked record when it holds one of `roles`. forbidden with reason
// "no_staff_record" when the account is linked to none (an administrator links
// it), "staff_role" when the record lacks the roles.
Result<const StaffMember*> signing_staff(const Directory& directory, std::string_view staff_code,
                                         std::initializer_list<Role> roles);

}  // namespace kc::clinic
