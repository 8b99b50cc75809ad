#include "store/sqlite/detail/engine.h"

namespace kc::store::sqlite::detail {

Result<void> SqliteEngine::run_read(const Work& work) {
  auto lease = readers_.take();
  if (!lease) return std::unexpected(lease.error());
  return work(**lease);
}

Result<bool> SqliteEngine::has_table(sql::Connection& db, std::string_view name) {
  auto q = db.query("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
  if (!q) return std::unexpected(q.error());
  auto row = q->bind(1, name).step();
  if (!row) return std::unexpected(row.error());
  return q->int64(0) > 0;
}

Result<std::optional<std::int64_t>> SqliteEngine::audit_id_counter(sql::Connection& db) {
  auto sequence = has_table(db, "sqlite_sequence");
  if (!sequence) return std::unexpected(sequence.error());
  if (!*sequence) return std::optional<std::int64_t>{};
  auto q = db.query("SELECT ifnull((SELECT seq FROM sqlite_sequence WHERE name = 'audit_log'), 0)");
  if (!q) return std::unexpected(q.error());
  auto row = q->step();
  if (!row) return std::unexpected(row.error());
  return std::optional<std::int64_t>{q->int64(0)};
}

}  // namespace kc::store::sqlite::detail
