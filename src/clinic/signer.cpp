#include "clinic/signer.h"

#include <fmt/format.h>

#include <algorithm>

namespace kc::clinic {

const StaffMember* find_staff(const Directory& directory, std::string_view code) {
  for (const auto& s : directory.staff())
    if (s.code == code) return &s;
  return nullptr;
}

Result<const StaffMember*> signing_staff(const Directory& directory, std::string_view staff_code,
                                         std::initializer_list<Role> roles) {
  const StaffMember* staff = staff_code.empty() ? nullptr : find_staff(directory, staff_code);
  if (staff == nullptr)
    return std::unexpected(Error{ErrorCode::forbidden, "",
                                 "your account is not linked to a staff record of this clinic; an administrator "
                                 "links it (Users)",
                                 "no_staff_record"});
  if (std::none_of(roles.begin(), roles.end(), [&](Role r) { return staff->has_role(r); })) {
    std::string names;
    for (Role r : roles) names += fmt::format("{}{}", names.empty() ? "" : " or ", to_string(r));
    return std::unexpected(Error{ErrorCode::forbidden, "",
                                 fmt::format("your staff record '{}' is not a {}", staff->code, names),
                                 "staff_role"});
  }
  return staff;
}

}  // namespace kc::clinic
