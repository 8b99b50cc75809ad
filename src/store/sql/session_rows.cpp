// Sessions, API tokens and login attempts.
#include <fmt/format.h>

#include "store/sql/detail/auth_rows.h"
#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {
namespace {

using auth::TokenRecord;
using clinic::Id;
using clinic::Instant;

constexpr std::int64_t kAttemptsKept_s = 24 * 3600;

constexpr const char* kTokenSelect =
    "SELECT id, token_hash, prefix, account_id, name, scope, created_at, expires_at, revoked_at, last_used_at "
    "FROM api_tokens ";

std::optional<Instant> optional_instant(Query& q, int column) {
  if (q.is_null(column)) return std::nullopt;
  return instant(q.int64(column));
}

std::optional<std::int64_t> optional_seconds(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return seconds(*t);
}

// Scopes are stored by permission name, so reordering the enum cannot change them.
std::string scope_text(auth::PermissionSet scope) {
  std::string out;
  for (auto p : scope.list()) out += fmt::format("{}{}", out.empty() ? "" : ",", auth::to_string(p));
  return out;
}

auth::PermissionSet parse_scope(std::string_view text) {
  auth::PermissionSet out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    if (auto p = auth::parse_permission(text.substr(0, comma), "scope")) out.add(*p);  // unknown names grant nothing
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
  }
  return out;
}

TokenRecord token_row(Query& q) {
  return {q.int64(0), q.text(1), q.text(2), q.int64(3), q.text(4), parse_scope(q.text(5)), instant(q.int64(6)),
          optional_instant(q, 7), optional_instant(q, 8), optional_instant(q, 9)};
}

Result<std::optional<TokenRecord>> one_token(Query& q) {
  auto row = q.step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<TokenRecord>{};
  return std::optional<TokenRecord>{token_row(q)};
}

Result<std::vector<Instant>> failure_times(Query& q) {
  std::vector<Instant> out;
  if (auto ok = q.each([&](Query& r) { out.push_back(instant(r.int64(0))); }); !ok) return std::unexpected(ok.error());
  return out;
}

}  // namespace

Result<void> insert_session(Connection& db, const auth::SessionRecord& s) {
  auto q = db.query("INSERT INTO sessions (id_hash, account_id, created_at, last_seen_at, client) VALUES (?1, ?2, ?3, ?4, ?5)");
  if (!q) return std::unexpected(q.error());
  return q->bind(1, s.id_hash).bind(2, s.account_id).bind(3, seconds(s.created_at)).bind(4, seconds(s.last_seen_at))
      .bind(5, s.client).run();
}

Result<std::optional<auth::SessionRecord>> read_session(Connection& db, const std::string& id_hash) {
  auto q = db.query("SELECT account_id, created_at, last_seen_at, client FROM sessions WHERE id_hash = ?1");
  if (!q) return std::unexpected(q.error());
  auto row = q->bind(1, id_hash).step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return std::optional<auth::SessionRecord>{};
  return std::optional<auth::SessionRecord>{
      auth::SessionRecord{id_hash, q->int64(0), instant(q->int64(1)), instant(q->int64(2)), q->text(3)}};
}

Result<void> touch_session(Connection& db, const std::string& id_hash, Instant at) {
  auto q = db.query("UPDATE sessions SET last_seen_at = max(last_seen_at, ?2) WHERE id_hash = ?1");
  if (!q) return std::unexpected(q.error());
  return q->bind(1, id_hash).bind(2, seconds(at)).run();
}

Result<void> delete_session(Connection& db, const std::string& id_hash) {
  auto q = db.query("DELETE FROM sessions WHERE id_hash = ?1");
  if (!q) return std::unexpected(q.error());
  return q->bind(1, id_hash).run();
}

Result<void> delete_sessions_of(Connection& db, Id account_id) {
  auto q = db.query("DELETE FROM sessions WHERE account_id = ?1");
  if (!q) return std::unexpected(q.error());
  return q->bind(1, account_id).run();
}

Result<void> delete_other_sessions(Connection& db, Id account_id, const std::string& keep_hash) {
  auto q = db.query("DELETE FROM sessions WHERE account_id = ?1 AND id_hash <> ?2");
  if (!q) return std::unexpected(q.error());
  return q->bind(1, account_id).bind(2, keep_hash).run();
}

Result<TokenRecord> insert_token(Connection& db, const TokenRecord& t) {
  auto q = db.query("INSERT INTO api_tokens (token_hash, prefix, account_id, name, scope, created_at, expires_at) "
                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!q) return std::unexpected(q.error());
  q->bind(1, t.token_hash).bind(2, t.prefix).bind(3, t.account_id).bind(4, t.name).bind(5, scope_text(t.scope));
  if (auto ok = q->bind(6, seconds(t.created_at)).bind(7, optional_seconds(t.expires_at)).run(); !ok)
    return std::unexpected(ok.error());
  TokenRecord stored = t;
  stored.id = db.last_insert_id();
  return stored;
}

Result<std::optional<TokenRecord>> read_token_by_hash(Connection& db, const std::string& token_hash) {
  static const std::string sql = std::string(kTokenSelect) + "WHERE token_hash = ?1";
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  q->bind(1, token_hash);
  return one_token(*q);
}

Result<std::optional<TokenRecord>> read_token(Connection& db, Id id) {
  static const std::string sql = std::string(kTokenSelect) + "WHERE id = ?1";
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  q->bind(1, id);
  return one_token(*q);
}

Result<std::vector<TokenRecord>> tokens_of(Connection& db, Id account_id) {
  static const std::string sql = std::string(kTokenSelect) + "WHERE account_id = ?1 ORDER BY id";
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  std::vector<TokenRecord> out;
  if (auto ok = q->bind(1, account_id).each([&](Query& r) { out.push_back(token_row(r)); }); !ok)
    return std::unexpected(ok.error());
  return out;
}

Result<void> set_token_time(Connection& db, Id id, Instant at, bool revoke) {
  auto q = revoke ? db.query("UPDATE api_tokens SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL")
                  : db.query("UPDATE api_tokens SET last_used_at = ?2 WHERE id = ?1");
  if (!q) return std::unexpected(q.error());
  return q->bind(1, id).bind(2, seconds(at)).run();
}

Result<void> insert_attempt(Connection& db, const std::string& key, const std::string& client, Instant at, bool success) {
  auto prune = db.query("DELETE FROM login_attempts WHERE at_s < ?1");
  if (!prune) return std::unexpected(prune.error());
  if (auto ok = prune->bind(1, seconds(at) - kAttemptsKept_s).run(); !ok) return ok;
  auto q = db.query("INSERT INTO login_attempts (account_key, client, at_s, success) VALUES (?1, ?2, ?3, ?4)");
  if (!q) return std::unexpected(q.error());
  return q->bind(1, key).bind(2, client).bind(3, seconds(at)).bind(4, std::int64_t{success}).run();
}

Result<std::pair<std::vector<Instant>, std::vector<Instant>>> recent_failures(Connection& db, const std::string& key,
                                                                             const std::string& client, Instant since,
                                                                             int limit) {
  auto by_key = db.query(
      "SELECT at_s FROM login_attempts WHERE account_key = ?1 AND success = 0 AND at_s >= ?2 AND id > "
      "(SELECT coalesce(max(id), 0) FROM login_attempts WHERE account_key = ?1 AND success = 1) "
      "ORDER BY at_s DESC, id DESC LIMIT ?3");
  if (!by_key) return std::unexpected(by_key.error());
  by_key->bind(1, key).bind(2, seconds(since)).bind(3, std::int64_t{limit});
  auto account = failure_times(*by_key);
  if (!account) return std::unexpected(account.error());
  auto by_client = db.query("SELECT at_s FROM login_attempts WHERE client = ?1 AND success = 0 AND at_s >= ?2 "
                            "ORDER BY at_s DESC, id DESC LIMIT ?3");
  if (!by_client) return std::unexpected(by_client.error());
  by_client->bind(1, client).bind(2, seconds(since)).bind(3, std::int64_t{limit});
  auto from_client = failure_times(*by_client);
  if (!from_client) return std::unexpected(from_client.error());
  return std::pair{std::move(*account), std::move(*from_client)};
}

}  // namespace kc::store::sql::detail
