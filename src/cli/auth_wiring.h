#pragma once
// The auth parts every command that touches accounts needs: randomness, the
// Argon2id hasher, the common-password list (data/security/), the service.
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "auth/service.h"
#include "clinic/directory.h"

namespace kc::cli {

struct AuthParts {
  auth::SystemRandom random;
  std::unique_ptr<auth::PasswordHasher> hasher;
  std::unique_ptr<auth::AuthService> service;
};

// internal when libsodium cannot start; invalid_argument when the password
// list is missing. `staff_records` checks the staff links of accounts (it must
// outlive the service).
Result<std::unique_ptr<AuthParts>> make_auth(auth::AuthStore& store, const clinic::Clock& clock,
                                             const std::filesystem::path& data_dir,
                                             const clinic::Directory& staff_records, auth::AuthSettings settings = {});

// One demo account per role (README "Accounts and demo logins"), and a patient
// login for the demo patient `patient_keys` maps "demo-04" to.
Result<int> seed_demo_accounts(auth::AuthService& auth, const clinic::Directory& directory,
                               const std::map<std::string, clinic::Id>& patient_keys);

}  // namespace kc::cli
