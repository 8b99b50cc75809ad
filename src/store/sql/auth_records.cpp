// The auth ports over the engine: audit appends go through the engine's
// writes, so they are serialised and every entry links to the last.
#include "store/sql/detail/auth_rows.h"
#include "store/sql/detail/rows.h"
#include "store/sql/auth_records.h"

namespace kc::store::sql {

using clinic::Id;
using clinic::Instant;

Result<auth::Account> AuthRecords::create_account(const auth::Account& account) {
  return engine_.write<auth::Account>([&](Connection& db) { return detail::insert_account(db, account); });
}

Result<std::pair<clinic::Patient, auth::Account>> AuthRecords::create_patient_account(const clinic::Patient& patient,
                                                                                     const auth::Account& account) {
  using Pair = std::pair<clinic::Patient, auth::Account>;
  return engine_.write<Pair>([&](Connection& db) -> Result<Pair> {
    auto p = detail::insert_patient(db, patient);
    if (!p) return std::unexpected(p.error());
    auto a = account;
    a.patient_id = p->id;
    auto stored = detail::insert_account(db, a);
    if (!stored) return std::unexpected(stored.error());
    return Pair{std::move(*p), std::move(*stored)};
  });
}

Result<std::optional<auth::Account>> AuthRecords::account_by_email(const std::string& email) {
  return engine_.read([&](Connection& db) { return detail::account_by_email(db, email); });
}

Result<auth::Account> AuthRecords::account(Id id) {
  return engine_.read([&](Connection& db) { return detail::read_account(db, id); });
}

Result<std::vector<auth::Account>> AuthRecords::staff_accounts() {
  return engine_.read([](Connection& db) { return detail::staff_accounts(db); });
}

Result<auth::Account> AuthRecords::update_account(const auth::Account& account) {
  return engine_.write<auth::Account>([&](Connection& db) { return detail::write_account(db, account); });
}

Result<void> AuthRecords::set_password(Id account_id, const std::string& password_hash, Instant at,
                                       const std::string& keep_session_hash) {
  return engine_.write<void>([&](Connection& db) -> Result<void> {
    if (auto ok = detail::write_password(db, account_id, password_hash, at); !ok) return ok;
    return detail::delete_other_sessions(db, account_id, keep_session_hash);
  });
}

Result<void> AuthRecords::create_session(const auth::SessionRecord& session) {
  return engine_.write<void>([&](Connection& db) { return detail::insert_session(db, session); });
}

Result<std::optional<auth::SessionRecord>> AuthRecords::session(const std::string& id_hash) {
  return engine_.read([&](Connection& db) { return detail::read_session(db, id_hash); });
}

Result<void> AuthRecords::touch_session(const std::string& id_hash, Instant at) {
  return engine_.write<void>([&](Connection& db) { return detail::touch_session(db, id_hash, at); });
}

Result<void> AuthRecords::delete_session(const std::string& id_hash) {
  return engine_.write<void>([&](Connection& db) { return detail::delete_session(db, id_hash); });
}

Result<void> AuthRecords::delete_sessions_of(Id account_id) {
  return engine_.write<void>([&](Connection& db) { return detail::delete_sessions_of(db, account_id); });
}

Result<auth::TokenRecord> AuthRecords::create_token(const auth::TokenRecord& token) {
  return engine_.write<auth::TokenRecord>([&](Connection& db) { return detail::insert_token(db, token); });
}

Result<std::optional<auth::TokenRecord>> AuthRecords::token_by_hash(const std::string& token_hash) {
  return engine_.read([&](Connection& db) { return detail::read_token_by_hash(db, token_hash); });
}

Result<std::optional<auth::TokenRecord>> AuthRecords::token(Id id) {
  return engine_.read([&](Connection& db) { return detail::read_token(db, id); });
}

Result<std::vector<auth::TokenRecord>> AuthRecords::tokens_of(Id account_id) {
  return engine_.read([&](Connection& db) { return detail::tokens_of(db, account_id); });
}

Result<void> AuthRecords::revoke_token(Id id, Instant at) {
  return engine_.write<void>([&](Connection& db) { return detail::set_token_time(db, id, at, true); });
}

Result<void> AuthRecords::touch_token(Id id, Instant at) {
  return engine_.write<void>([&](Connection& db) { return detail::set_token_time(db, id, at, false); });
}

Result<void> AuthRecords::record_attempt(const std::string& key, const std::string& client, Instant at, bool success) {
  return engine_.write<void>([&](Connection& db) { return detail::insert_attempt(db, key, client, at, success); });
}

Result<std::pair<std::vector<Instant>, std::vector<Instant>>> AuthRecords::recent_failures(const std::string& key,
                                                                                          const std::string& client,
                                                                                          Instant since, int limit) {
  return engine_.read([&](Connection& db) { return detail::recent_failures(db, key, client, since, limit); });
}

Result<auth::AuditEntry> AuthRecords::append_audit(const auth::AuditEntry& entry) {
  return engine_.write<auth::AuditEntry>([&](Connection& db) { return detail::insert_audit(db, entry); });
}

Result<std::vector<auth::AuditEntry>> AuthRecords::find_audit(const auth::AuditQuery& query) {
  return engine_.read([&](Connection& db) { return detail::find_audit(db, query); });
}

Result<auth::HighWater> AuthRecords::scan_audit(std::int64_t after_id,
                                                const std::function<bool(const auth::StoredEntry&)>& visit) {
  return engine_.read([&](Connection& db) { return detail::scan_audit(db, engine_, after_id, visit); });
}

Result<std::vector<Id>> AuthRecords::care_location_ids(Id patient_id) {
  auto care = engine_.read([&](Connection& db) { return detail::care_of(db, patient_id); });
  if (!care) return std::unexpected(care.error());
  std::vector<Id> out;
  for (const auto& c : *care) out.push_back(c.location_id);
  return out;
}

}  // namespace kc::store::sql
