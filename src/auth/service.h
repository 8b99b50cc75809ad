#pragma once
// The account use cases: login and logout, sessions, patient sign-up, staff
// accounts, API tokens and writing the audit trail. Thread-safe; time comes
// from the injected clock, randomness from the injected source.
//
// Errors (stable reasons, mapped to HTTP statuses in src/http only):
// - login: unauthorized/invalid_credentials whether the email is unknown, the
//   password wrong or the account disabled (same answer, same Argon2id effort);
//   rate_limited/too_many_attempts while throttled (policy.h), also for
//   unknown emails, so the answer never tells whether an account exists;
// - sessions: unauthorized/session_expired (unknown, idle, too old, disabled);
// - tokens: unauthorized/invalid_token (unknown, revoked, expired, disabled);
// - sign-up and staff accounts: invalid_argument naming the field (email,
//   password with the reasons of password.h, roles, locations),
//   conflict/email_taken;
// - password change: invalid_argument on current_password (reason
//   wrong_password) or on new_password (the reasons of password.h), and
//   rate_limited/too_many_attempts like login.
#include <chrono>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

#include "auth/access.h"
#include "auth/password.h"
#include "auth/policy.h"
#include "auth/ports.h"
#include "auth/secrets.h"
#include "clinic/directory.h"
#include "clinic/ports.h"

namespace kc::auth {

struct AuthSettings {
  SessionPolicy session;
  ThrottlePolicy throttle;
  PasswordPolicy password;
  std::chrono::days token_lifetime{90}, max_token_lifetime{365};
};

// A new session: the secret goes into the cookie (never stored), the CSRF
// token to the client, which echoes it in X-CSRF-Token.
struct NewSession {
  std::string secret;
  std::string csrf_token;
  Principal principal;
};

struct LoginRefusal {
  Error error;
  std::chrono::seconds retry_after{0};  // > 0 when throttled
};

struct StaffSpec {
  std::string email, display_name;
  std::vector<Role> roles;
  std::vector<clinic::Id> location_ids;
  std::string password;  // empty: generate one
  std::string staff_code;  // the clinic's staff record (staff_link.h); "" for none
};

struct NewStaff {
  Account account;
  std::string generated_password;  // empty when one was given
};

struct NewToken {
  TokenRecord record;
  std::string secret;  // "kc_...", shown once
};

class AuthService {
 public:
  AuthService(AuthStore& store, const clinic::Clock& clock, Random& random, const PasswordHasher& hasher,
              Blocklist blocklist, AuthSettings settings = {}, const clinic::Directory* staff_records = nullptr);

  std::expected<NewSession, LoginRefusal> login(std::string_view email, std::string_view password,
                                                const std::string& client);
  Result<Principal> from_session(std::string_view secret);
  Result<Principal> from_token(std::string_view token);
  Result<void> logout(std::string_view secret);

  // A patient registers while booking: record, account and session at once.
  // The patient record must already have passed clinic::check_patient.
  std::expected<std::pair<clinic::Patient, NewSession>, LoginRefusal> sign_up(clinic::Patient patient,
                                                                               std::string_view email,
                                                                               std::string_view password,
                                                                               const std::string& client);
  // A login for an existing patient record (demo data, front-desk onboarding).
  Result<Account> add_patient_login(clinic::Id patient_id, std::string_view email, std::string_view display_name,
                                    std::string_view password);
  Result<NewStaff> add_staff(StaffSpec spec);
  // A signed-in user replaces their password. A wrong `current` counts as a
  // failed login of the account, so guessing through someone else's open
  // session is throttled like guessing at the sign-in form. Every other session
  // of the account ends; the one of `session_secret` stays signed in. API
  // tokens stay valid (they are listed and revoked on their own).
  std::expected<void, LoginRefusal> change_password(const Principal& who, std::string_view session_secret,
                                                    std::string_view current, std::string_view next,
                                                    const std::string& client);
  // The password policy (password.h) for a new password of `email`.
  Result<void> check_new_password(std::string_view password, std::string_view email) const;
  Result<std::vector<Account>> staff() { return store_.staff_accounts(); }
  Result<Account> account(clinic::Id id) { return store_.account(id); }
  // Replaces roles, locations, the staff link and the disabled flag of a staff
  // account (checked like add_staff); disabling ends its sessions at once. `by`
  // may not change these on its own account (forbidden, reason own_account): a grant needs a
  // second administrator.
  Result<Account> update_staff(Account account, const Principal& by);

  Result<NewToken> create_token(const Principal& owner, std::string name, PermissionSet scope,
                                std::chrono::days lifetime);
  Result<std::vector<TokenRecord>> tokens_of(const Principal& owner) { return store_.tokens_of(owner.account_id); }
  // not_found unless the token is the caller's own (or the caller administers users).
  Result<void> revoke_token(const Principal& caller, clinic::Id token_id);

  // Appends to the audit trail, stamped with the clock's time.
  Result<AuditEntry> audit(AuditEntry entry);
  Result<std::vector<AuditEntry>> find_audit(const AuditQuery& query) { return store_.find_audit(query); }

  const AuthSettings& settings() const { return settings_; }
  const clinic::Clock& clock() const { return clock_; }

 private:
  Result<NewSession> open_session(const Account& account, const std::string& client);
  std::optional<LoginRefusal> throttle_check(const std::string& key, const std::string& client);
  Result<std::string> new_password_hash(std::string_view password, std::string_view email);
  Result<void> check_staff(const Account& account) const;
  std::string generate_password();

  AuthStore& store_;
  const clinic::Clock& clock_;
  Random& random_;
  const PasswordHasher& hasher_;
  Blocklist blocklist_;
  AuthSettings settings_;
  const clinic::Directory* staff_records_;  // checks staff links; without it no account can be linked
};

// True when the two hold different sets of roles (order aside): a change of
// roles is audited as change_roles.
bool roles_differ(const Account& before, const Account& after);

}  // namespace kc::auth
