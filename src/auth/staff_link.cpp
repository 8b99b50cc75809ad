#include "auth/staff_link.h"

#include <fmt/format.h>

#include <algorithm>

#include "clinic/signer.h"

namespace kc::auth {

Result<void> check_staff_link(const Account& account, const clinic::Directory& directory) {
  if (account.staff_code.empty()) return {};
  if (account.is_patient())
    return fail(ErrorCode::invalid_argument, "staff_code", "staff_code: a patient's account has no staff record");
  const auto* record = clinic::find_staff(directory, account.staff_code);
  if (record == nullptr)
    return fail(ErrorCode::invalid_argument, "staff_code",
                fmt::format("staff_code: no staff member '{}' in the clinic directory", account.staff_code));
  struct Clinical {
    Role account;
    clinic::Role record;
  };
  for (auto [role, needed] : {Clinical{Role::nurse, clinic::Role::nurse}, Clinical{Role::prescriber, clinic::Role::prescriber}}) {
    const bool has = std::find(account.roles.begin(), account.roles.end(), role) != account.roles.end();
    if (has && !record->has_role(needed))
      return fail(ErrorCode::invalid_argument, "staff_code",
                  fmt::format("staff_code: '{}' is not a {} in the clinic directory; the account's role needs it",
                              account.staff_code, to_string(role)));
  }
  return {};
}

}  // namespace kc::auth
