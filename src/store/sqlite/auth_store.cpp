// SqliteStore's auth ports: reads on pooled readers, writes through the single
// writer (so audit appends are serialised and every entry links to the last).
#include "store/sqlite/detail/auth_rows.h"
#include "store/sqlite/detail/pool.h"
#include "store/sqlite/detail/rows.h"
#include "store/sqlite/sqlite_store.h"

namespace kc::store::sqlite {

using clinic::Id;
using clinic::Instant;

Result<auth::Account> SqliteStore::create_account(const auth::Account& account) {
  return writer_->write<auth::Account>([&](Connection& db) { return detail::insert_account(db, account); });
}

Result<std::pair<clinic::Patient, auth::Account>> SqliteStore::create_patient_account(const clinic::Patient& patient,
                                                                                     const auth::Account& account) {
  using Pair = std::pair<clinic::Patient, auth::Account>;
  return writer_->write<Pair>([&](Connection& db) -> Result<Pair> {
    auto p = detail::insert_patient(db, patient);
    if (!p) return std::unexpected(p.error());
    auto a = account;
    a.patient_id = p->id;
    auto stored = detail::insert_account(db, a);
    if (!stored) return std::unexpected(stored.error());
    return Pair{std::move(*p), std::move(*stored)};
  });
}

Result<std::optional<auth::Account>> SqliteStore::account_by_email(const std::string& email) {
  return with_reader(*readers_, [&](Connection& db) { return detail::account_by_email(db, email); });
}

Result<auth::Account> SqliteStore::account(Id id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_account(db, id); });
}

Result<std::vector<auth::Account>> SqliteStore::staff_accounts() {
  return with_reader(*readers_, [](Connection& db) { return detail::staff_accounts(db); });
}

Result<auth::Account> SqliteStore::update_account(const auth::Account& account) {
  return writer_->write<auth::Account>([&](Connection& db) { return detail::write_account(db, account); });
}

Result<void> SqliteStore::create_session(const auth::SessionRecord& session) {
  return writer_->write<void>([&](Connection& db) { return detail::insert_session(db, session); });
}

Result<std::optional<auth::SessionRecord>> SqliteStore::session(const std::string& id_hash) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_session(db, id_hash); });
}

Result<void> SqliteStore::touch_session(const std::string& id_hash, Instant at) {
  return writer_->write<void>([&](Connection& db) { return detail::touch_session(db, id_hash, at); });
}

Result<void> SqliteStore::delete_session(const std::string& id_hash) {
  return writer_->write<void>([&](Connection& db) { return detail::delete_session(db, id_hash); });
}

Result<void> SqliteStore::delete_sessions_of(Id account_id) {
  return writer_->write<void>([&](Connection& db) { return detail::delete_sessions_of(db, account_id); });
}

Result<auth::TokenRecord> SqliteStore::create_token(const auth::TokenRecord& token) {
  return writer_->write<auth::TokenRecord>([&](Connection& db) { return detail::insert_token(db, token); });
}

Result<std::optional<auth::TokenRecord>> SqliteStore::token_by_hash(const std::string& token_hash) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_token_by_hash(db, token_hash); });
}

Result<std::optional<auth::TokenRecord>> SqliteStore::token(Id id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::read_token(db, id); });
}

Result<std::vector<auth::TokenRecord>> SqliteStore::tokens_of(Id account_id) {
  return with_reader(*readers_, [&](Connection& db) { return detail::tokens_of(db, account_id); });
}

Result<void> SqliteStore::revoke_token(Id id, Instant at) {
  return writer_->write<void>([&](Connection& db) { return detail::set_token_time(db, id, at, true); });
}

Result<void> SqliteStore::touch_token(Id id, Instant at) {
  return writer_->write<void>([&](Connection& db) { return detail::set_token_time(db, id, at, false); });
}

Result<void> SqliteStore::record_attempt(const std::string& key, const std::string& client, Instant at, bool success) {
  return writer_->write<void>([&](Connection& db) { return detail::insert_attempt(db, key, client, at, success); });
}

Result<std::pair<std::vector<Instant>, std::vector<Instant>>> SqliteStore::recent_failures(const std::string& key,
                                                                                          const std::string& client,
                                                                                          Instant since, int limit) {
  return with_reader(*readers_, [&](Connection& db) { return detail::recent_failures(db, key, client, since, limit); });
}

Result<auth::AuditEntry> SqliteStore::append_audit(const auth::AuditEntry& entry) {
  return writer_->write<auth::AuditEntry>([&](Connection& db) { return detail::insert_audit(db, entry); });
}

Result<std::vector<auth::AuditEntry>> SqliteStore::find_audit(const auth::AuditQuery& query) {
  return with_reader(*readers_, [&](Connection& db) { return detail::find_audit(db, query); });
}

Result<auth::HighWater> SqliteStore::scan_audit(std::int64_t after_id,
                                                const std::function<bool(const auth::StoredEntry&)>& visit) {
  return with_reader(*readers_, [&](Connection& db) { return detail::scan_audit(db, after_id, visit); });
}

Result<std::vector<Id>> SqliteStore::care_location_ids(Id patient_id) {
  auto care = care_of(patient_id);
  if (!care) return std::unexpected(care.error());
  std::vector<Id> out;
  for (const auto& c : *care) out.push_back(c.location_id);
  return out;
}

}  // namespace kc::store::sqlite
