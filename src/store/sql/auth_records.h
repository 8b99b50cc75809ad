#pragma once
// The auth ports (auth/ports.h: accounts, sessions, tokens, login attempts,
// the audit trail, patient scopes) over any SQL engine. An audit append reads
// the head and writes the next entry inside one write job, so entries chain.
#include "auth/ports.h"
#include "store/sql/engine.h"

namespace kc::store::sql {

class AuthRecords : public auth::AuthStore {
 public:
  explicit AuthRecords(Engine& engine) : engine_(engine) {}

  Result<auth::Account> create_account(const auth::Account& account) override;
  Result<std::pair<clinic::Patient, auth::Account>> create_patient_account(const clinic::Patient& patient,
                                                                           const auth::Account& account) override;
  Result<std::optional<auth::Account>> account_by_email(const std::string& email) override;
  Result<auth::Account> account(clinic::Id id) override;
  Result<std::vector<auth::Account>> staff_accounts() override;
  Result<auth::Account> update_account(const auth::Account& account) override;
  Result<void> set_password(clinic::Id account_id, const std::string& password_hash, clinic::Instant at,
                            const std::string& keep_session_hash) override;
  Result<void> create_session(const auth::SessionRecord& session) override;
  Result<std::optional<auth::SessionRecord>> session(const std::string& id_hash) override;
  Result<void> touch_session(const std::string& id_hash, clinic::Instant at) override;
  Result<void> delete_session(const std::string& id_hash) override;
  Result<void> delete_sessions_of(clinic::Id account_id) override;
  Result<auth::TokenRecord> create_token(const auth::TokenRecord& token) override;
  Result<std::optional<auth::TokenRecord>> token_by_hash(const std::string& token_hash) override;
  Result<std::optional<auth::TokenRecord>> token(clinic::Id id) override;
  Result<std::vector<auth::TokenRecord>> tokens_of(clinic::Id account_id) override;
  Result<void> revoke_token(clinic::Id id, clinic::Instant at) override;
  Result<void> touch_token(clinic::Id id, clinic::Instant at) override;
  Result<void> record_attempt(const std::string& account_key, const std::string& client, clinic::Instant at,
                              bool success) override;
  Result<std::pair<std::vector<clinic::Instant>, std::vector<clinic::Instant>>> recent_failures(
      const std::string& account_key, const std::string& client, clinic::Instant since, int limit) override;
  Result<auth::AuditEntry> append_audit(const auth::AuditEntry& entry) override;
  Result<std::vector<auth::AuditEntry>> find_audit(const auth::AuditQuery& query) override;
  Result<auth::HighWater> scan_audit(std::int64_t after_id,
                                     const std::function<bool(const auth::StoredEntry&)>& visit) override;
  Result<std::vector<clinic::Id>> care_location_ids(clinic::Id patient_id) override;

 private:
  Engine& engine_;
};

}  // namespace kc::store::sql
