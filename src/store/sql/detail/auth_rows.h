#pragma once
// Row mapping for the auth ports (auth/ports.h) over the schema of migration 4,
// as free functions over one connection, like rows.h.
#include <functional>
#include <optional>
#include <utility>
#include <vector>

#include "auth/ports.h"
#include "store/sql/engine.h"

namespace kc::store::sql::detail {

Result<auth::Account> insert_account(Connection& db, const auth::Account& a);
Result<std::optional<auth::Account>> account_by_email(Connection& db, const std::string& email);
Result<auth::Account> read_account(Connection& db, clinic::Id id);
Result<std::vector<auth::Account>> staff_accounts(Connection& db);
Result<auth::Account> write_account(Connection& db, const auth::Account& a);
Result<void> write_password(Connection& db, clinic::Id account_id, const std::string& hash, clinic::Instant at);

Result<void> insert_session(Connection& db, const auth::SessionRecord& s);
Result<std::optional<auth::SessionRecord>> read_session(Connection& db, const std::string& id_hash);
Result<void> touch_session(Connection& db, const std::string& id_hash, clinic::Instant at);
Result<void> delete_session(Connection& db, const std::string& id_hash);
Result<void> delete_sessions_of(Connection& db, clinic::Id account_id);
Result<void> delete_other_sessions(Connection& db, clinic::Id account_id, const std::string& keep_hash);

Result<auth::TokenRecord> insert_token(Connection& db, const auth::TokenRecord& t);
Result<std::optional<auth::TokenRecord>> read_token_by_hash(Connection& db, const std::string& token_hash);
Result<std::optional<auth::TokenRecord>> read_token(Connection& db, clinic::Id id);
Result<std::vector<auth::TokenRecord>> tokens_of(Connection& db, clinic::Id account_id);
Result<void> set_token_time(Connection& db, clinic::Id id, clinic::Instant at, bool revoke);

Result<void> insert_attempt(Connection& db, const std::string& key, const std::string& client, clinic::Instant at,
                            bool success);
Result<std::pair<std::vector<clinic::Instant>, std::vector<clinic::Instant>>> recent_failures(
    Connection& db, const std::string& key, const std::string& client, clinic::Instant since, int limit);

Result<auth::AuditEntry> insert_audit(Connection& db, auth::AuditEntry entry);
Result<std::vector<auth::AuditEntry>> find_audit(Connection& db, const auth::AuditQuery& q);
// In one read transaction (a snapshot): the entries after `after_id`, then the high-water marks.
Result<auth::HighWater> scan_audit(Connection& db, Engine& engine, std::int64_t after_id,
                                   const std::function<bool(const auth::StoredEntry&)>& visit);


}  // namespace kc::store::sql::detail
