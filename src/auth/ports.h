#pragma once
// The stores the auth core needs; src/store/sqlite implements them. Every
// method is thread-safe. Secrets never cross these interfaces in clear: the
// stores see Argon2id hashes of passwords and SHA-256 digests of session ids,
// API tokens and login emails.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "auth/audit.h"
#include "auth/permissions.h"
#include "clinic/model.h"

namespace kc::auth {

struct Account {
  clinic::Id id = 0;
  std::string email;  // normalised: trimmed, lower case
  std::string display_name;
  std::string password_hash;  // Argon2id encoded string
  std::vector<Role> roles;
  std::vector<clinic::Id> location_ids;  // staff
  std::optional<clinic::Id> patient_id;  // patient accounts
  // The clinic's staff record of this person (a directory code): what a
  // clinical write such as an acknowledgement or a decision is signed as.
  std::string staff_code;
  bool disabled = false;
  clinic::Instant created_at, updated_at;
  bool is_patient() const { return patient_id.has_value(); }
};

struct SessionRecord {
  std::string id_hash;  // SHA-256 of the cookie value
  clinic::Id account_id = 0;
  clinic::Instant created_at, last_seen_at;
  std::string client;
};

struct TokenRecord {
  clinic::Id id = 0;
  std::string token_hash;  // SHA-256 of the token
  std::string prefix;      // the first characters, to recognise a token in a list
  clinic::Id account_id = 0;
  std::string name;
  PermissionSet scope;
  clinic::Instant created_at;
  std::optional<clinic::Instant> expires_at, revoked_at, last_used_at;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  // Assigns the id; conflict/email_taken when the email is in use.
  virtual Result<Account> create_account(const Account& account) = 0;
  // Creates the patient record and its account in one transaction (the
  // account's patient_id is set to the new record's id).
  virtual Result<std::pair<clinic::Patient, Account>> create_patient_account(const clinic::Patient& patient,
                                                                             const Account& account) = 0;
  virtual Result<std::optional<Account>> account_by_email(const std::string& email) = 0;
  virtual Result<Account> account(clinic::Id id) = 0;  // not_found
  virtual Result<std::vector<Account>> staff_accounts() = 0;
  // Replaces roles, locations, name and the disabled flag.
  virtual Result<Account> update_account(const Account& account) = 0;
  // Replaces the password hash and, in the same transaction, ends every
  // session of the account but `keep_session_hash` (the one that changed it):
  // a password change locks out whoever else holds a session. not_found.
  virtual Result<void> set_password(clinic::Id account_id, const std::string& password_hash, clinic::Instant at,
                                    const std::string& keep_session_hash) = 0;
};

class SessionStore {
 public:
  virtual ~SessionStore() = default;
  virtual Result<void> create_session(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> session(const std::string& id_hash) = 0;
  virtual Result<void> touch_session(const std::string& id_hash, clinic::Instant at) = 0;
  virtual Result<void> delete_session(const std::string& id_hash) = 0;
  virtual Result<void> delete_sessions_of(clinic::Id account_id) = 0;
};

class TokenStore {
 public:
  virtual ~TokenStore() = default;
  virtual Result<TokenRecord> create_token(const TokenRecord& token) = 0;  // assigns the id
  virtual Result<std::optional<TokenRecord>> token_by_hash(const std::string& token_hash) = 0;
  virtual Result<std::optional<TokenRecord>> token(clinic::Id id) = 0;
  virtual Result<std::vector<TokenRecord>> tokens_of(clinic::Id account_id) = 0;
  virtual Result<void> revoke_token(clinic::Id id, clinic::Instant at) = 0;
  virtual Result<void> touch_token(clinic::Id id, clinic::Instant at) = 0;
};

class AttemptStore {
 public:
  virtual ~AttemptStore() = default;
  // `account_key` is the SHA-256 of the normalised email (whether or not an
  // account has it). Records older than a day are pruned on the way.
  virtual Result<void> record_attempt(const std::string& account_key, const std::string& client, clinic::Instant at,
                                      bool success) = 0;
  // Failures since `since`, newest first, at most `limit` of each: for the key
  // (and after its last success), and for the client address.
  virtual Result<std::pair<std::vector<clinic::Instant>, std::vector<clinic::Instant>>> recent_failures(
      const std::string& account_key, const std::string& client, clinic::Instant since, int limit) = 0;
};

struct AuditQuery {
  std::optional<clinic::Id> patient_id = {};
  std::optional<clinic::Id> account_id = {};          // the actor
  std::optional<clinic::Instant> from = {}, to = {};  // [from, to)
  std::optional<std::int64_t> before_id = {};         // paging: entries older than this id
  int limit = 100;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Appends after the current head: fills in id, prev_hash and hash in the
  // same transaction that reads the head.
  virtual Result<AuditEntry> append_audit(const AuditEntry& entry) = 0;
  // Newest first.
  virtual Result<std::vector<AuditEntry>> find_audit(const AuditQuery& query) = 0;
  // Every entry after `after_id` in id order, with how each column is stored
  // (stop early by returning false); returns the high-water marks, kept apart
  // from the rows, read in the same snapshot, so that removing the newest
  // entries shows even while others append.
  virtual Result<HighWater> scan_audit(std::int64_t after_id, const std::function<bool(const StoredEntry&)>& visit) = 0;
};

// Which locations a patient belongs to: where they are in care (clinic::CareLocation),
// empty when nowhere yet.
class PatientScopes {
 public:
  virtual ~PatientScopes() = default;
  virtual Result<std::vector<clinic::Id>> care_location_ids(clinic::Id patient_id) = 0;
};

class AuthStore : public AccountStore,
                  public SessionStore,
                  public TokenStore,
                  public AttemptStore,
                  public AuditStore,
                  public PatientScopes {};

}  // namespace kc::auth
