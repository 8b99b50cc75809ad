#pragma once
// The link from a staff account to the clinic's staff record: what the
// account's clinical writes (an acknowledgement, a decision) are signed as.
#include "auth/ports.h"
#include "clinic/directory.h"

namespace kc::auth {

// An empty code links nothing. Otherwise the record must exist and hold every
// clinical role (nurse, prescriber) the account has, so that a login cannot
// sign as a prescriber whose record says otherwise. invalid_argument naming
// "staff_code".
Result<void> check_staff_link(const Account& account, const clinic::Directory& directory);

}  // namespace kc::auth
