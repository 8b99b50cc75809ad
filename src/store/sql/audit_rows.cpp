// The audit trail: append after the head in the writer's transaction, query,
// and scan with each column's storage class and the high-water marks of the
// same snapshot (what `audit verify` checks, src/auth/audit.h).
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "store/sql/detail/auth_rows.h"
#include "store/sql/detail/rows.h"

namespace kc::store::sql::detail {
namespace {

using auth::AuditEntry;

const std::string& columns() {
  static const std::string list = fmt::format("{}", fmt::join(auth::kAuditColumns, ", "));
  return list;
}

auth::StoredType stored_type(Storage s) {
  switch (s) {
    case Storage::integer: return auth::StoredType::integer;
    case Storage::real: return auth::StoredType::real;
    case Storage::text: return auth::StoredType::text;
    case Storage::blob: return auth::StoredType::blob;
    case Storage::null: break;
  }
  return auth::StoredType::null;
}

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
  e.hash_version = static_cast<int>(q.int64(15));
  return e;
}

auth::StoredEntry stored_row(Query& q) {
  auth::StoredEntry s{audit_row(q)};
  for (std::size_t i = 0; i < s.types.size(); ++i) s.types[i] = stored_type(q.storage(static_cast<int>(i)));
  return s;
}

Result<std::string> head_hash(Connection& db) {
  auto q = db.query("SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  return *row ? q->text(0) : std::string(auth::kGenesisHash);
}

// The mark migration 7's triggers keep (entries are appended at mark + 1).
Result<std::int64_t> high_water_mark(Connection& db) {
  auto q = db.query("SELECT last_id FROM audit_high_water WHERE singleton = 1");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(ErrorCode::internal, "db", "db: the audit trail's high-water mark is gone (audit verify)");
  return q->int64(0);
}

// Tolerates the tables being gone (an attacker may drop them): a missing mark is a finding, not an error.
Result<auth::HighWater> read_high_water(Connection& db, Engine& engine) {
  auth::HighWater high;
  auto marks = engine.has_table(db, "audit_high_water");
  if (!marks) return std::unexpected(marks.error());
  if (*marks) {
    auto q = db.query("SELECT last_id FROM audit_high_water WHERE singleton = 1");
    if (!q) return std::unexpected(q.error());
    auto row = q->step();
    if (!row) return std::unexpected(row.error());
    if (*row) high.mark = q->int64(0);
  }
  auto counter = engine.audit_id_counter(db);
  if (!counter) return std::unexpected(counter.error());
  high.sequence = counter->value_or(0);
  return high;
}

// A read transaction: the queries inside it see one snapshot of the file.
class Snapshot {
 public:
  explicit Snapshot(Connection& db) : db_(db) {}
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;
  ~Snapshot() {
    if (open_) (void)db_.exec("COMMIT");
  }
  Result<void> begin() {
    auto ok = db_.exec("BEGIN");
    open_ = ok.has_value();
    return ok;
  }

 private:
  Connection& db_;
  bool open_ = false;
};

Result<void> scan_rows(Connection& db, std::int64_t after_id, const std::function<bool(const auth::StoredEntry&)>& visit) {
  static const std::string sql = fmt::format("SELECT {} FROM audit_log WHERE id > ?1 ORDER BY id", columns());
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  q->bind(1, after_id);
  for (;;) {
    auto row = q->step();
    if (!row) return std::unexpected(row.error());
    if (!*row || !visit(stored_row(*q))) return {};
  }
}

}  // namespace

Result<AuditEntry> insert_audit(Connection& db, AuditEntry e) {
  auto high = high_water_mark(db);
  if (!high) return std::unexpected(high.error());
  auto prev = head_hash(db);
  if (!prev) return std::unexpected(prev.error());
  e.id = *high + 1;
  e.prev_hash = std::move(*prev);
  e.hash_version = auth::kTypedHash;
  e.hash = auth::chain_hash(e);
  static const std::string sql = fmt::format(
      "INSERT INTO audit_log ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
      columns());
  auto q = db.query(sql.c_str());
  if (!q) return std::unexpected(q.error());
  q->bind(1, e.id).bind(2, seconds(e.at)).bind(3, e.actor_kind).bind(4, e.actor_id).bind(5, e.actor_roles);
  q->bind(6, e.client).bind(7, e.action).bind(8, e.resource_kind).bind(9, e.resource_id).bind(10, e.patient_id);
  q->bind(11, e.operation).bind(12, auth::to_string(e.outcome)).bind(13, std::int64_t{e.status});
  q->bind(14, e.prev_hash).bind(15, e.hash).bind(16, std::int64_t{e.hash_version});
  if (auto ok = q->run(); !ok) return std::unexpected(ok.error());
  return e;
}

Result<std::vector<AuditEntry>> find_audit(Connection& db, const auth::AuditQuery& f) {
  static const std::string sql = fmt::format(
      "SELECT {} FROM audit_log WHERE (?1 IS NULL OR patient_id = ?1) AND (?2 IS NULL OR actor_id = ?2) "
      "AND (?3 IS NULL OR at_s >= ?3) AND (?4 IS NULL OR at_s < ?4) AND (?5 IS NULL OR id < ?5) "
      "ORDER BY id DESC LIMIT ?6",
      columns());
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

Result<auth::HighWater> scan_audit(Connection& db, Engine& engine, std::int64_t after_id,
                                   const std::function<bool(const auth::StoredEntry&)>& visit) {
  Snapshot snapshot(db);
  if (auto ok = snapshot.begin(); !ok) return std::unexpected(ok.error());
  if (auto ok = scan_rows(db, after_id, visit); !ok) return std::unexpected(ok.error());
  return read_high_water(db, engine);
}

}  // namespace kc::store::sql::detail
