// The audit trail: append after the head in the writer's transaction, query, scan.
#include <fmt/format.h>

#include "store/sqlite/detail/auth_rows.h"
#include "store/sqlite/detail/rows.h"

namespace kc::store::sqlite::detail {
namespace {

using auth::AuditEntry;

constexpr const char* kColumns =
    "id, at_s, actor_kind, actor_id, actor_roles, client, action, resource_kind, resource_id, patient_id, operation, "
    "outcome, status, prev_hash, hash";

AuditEntry audit_row(Query& q) {
  AuditEntry e;
  e.id = q.int64(0);
  e.at = instant(q.int64(1));
  e.actor_kind = q.text(2);
  e.actor_id = q.text(3);
  e.actor_roles = q.text(4);
  e.client = q.text(5);
  e.action = q.text(6);
  e.resource_kind = q.text(7);
  e.resource_id = q.text(8);
  if (!q.is_null(9)) e.patient_id = q.int64(9);
  e.operation = q.text(10);
  // An outcome edited to something unknown reads as "failed"; its hash then no longer matches.
  e.outcome = auth::parse_outcome(q.text(11)).value_or(auth::Outcome::failed);
  e.status = static_cast<int>(q.int64(12));
  e.prev_hash = q.text(13);
  e.hash = q.text(14);
  return e;
}

Result<std::string> head_hash(Connection& db) {
  auto q = db.query("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  return *row ? q->text(0) : std::string(auth::kGenesisHash);
}

}  // namespace

Result<std::int64_t> audit_high_water(Connection& db) {
  auto q = db.query("SELECT ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  return q->int64(0);
}

Result<AuditEntry> insert_audit(Connection& db, AuditEntry e) {
  auto high = audit_high_water(db);
  if (!high) return std::unexpected(high.error());
  auto prev = head_hash(db);
  if (!prev) return std::unexpected(prev.error());
  e.id = *high + 1;
  e.prev_hash = std::move(*prev);
  e.hash = auth::chain_hash(e);
  static const std::string sql = fmt::format(
      "INSERT INTO audit_log ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", kColumns);
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  q->bind(1, e.id).bind(2, seconds(e.at)).bind(3, e.actor_kind).bind(4, e.actor_id).bind(5, e.actor_roles);
  q->bind(6, e.client).bind(7, e.action).bind(8, e.resource_kind).bind(9, e.resource_id).bind(10, e.patient_id);
  q->bind(11, e.operation).bind(12, auth::to_string(e.outcome)).bind(13, std::int64_t{e.status});
  if (auto ok = q->bind(14, e.prev_hash).bind(15, e.hash).run(); !ok) return std::unexpected(ok.error());
  return e;
}

Result<std::vector<AuditEntry>> find_audit(Connection& db, const auth::AuditQuery& f) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM audit_log WHERE (?1 IS NULL OR patient_id = ?1) AND (?2 IS NULL OR actor_id = ?2) "
      "AND (?3 IS NULL OR at_s >= ?3) AND (?4 IS NULL OR at_s < ?4) AND (?5 IS NULL OR id < ?5) "
      "ORDER BY id DESC LIMIT ?6",
      kColumns);
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  q->bind(1, f.patient_id);
  if (f.account_id) q->bind(2, fmt::format("{}", *f.account_id));
  if (f.from) q->bind(3, seconds(*f.from));
  if (f.to) q->bind(4, seconds(*f.to));
  q->bind(5, f.before_id).bind(6, std::int64_t{f.limit});
  std::vector<AuditEntry> out;
  if (auto ok = q->each([&](Query& r) { out.push_back(audit_row(r)); }); !ok) return std::unexpected(ok.error());
  return out;
}

Result<void> scan_audit(Connection& db, const std::function<bool(const AuditEntry&)>& visit) {
  static const std::string sql = fmt::format("SELECT {} FROM audit_log ORDER BY id", kColumns);
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  for (;;) {
    auto row = q->step();
    if (!row) return std::unexpected(row.error());
    if (!*row || !visit(audit_row(*q))) return {};
  }
}

}  // namespace kc::store::sqlite::detail
