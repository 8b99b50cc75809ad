// SqliteStore::backup_to: SQLite's online backup API. The copy is taken from
// a reader's snapshot, so bookings continue while it runs.
#include <fmt/format.h>
#include <sqlite3.h>

#include "store/sqlite/detail/engine.h"
#include "store/sqlite/sqlite_store.h"

namespace kc::store::sqlite {

Result<void> SqliteStore::backup_to(const std::string& target) {
  if (target == path_) return fail(ErrorCode::invalid_argument, "file", "file: a backup cannot overwrite the database itself");
  auto lease = engine_->readers().take();
  if (!lease) return std::unexpected(lease.error());
  sqlite3* dest = nullptr;
  int rc = sqlite3_open_v2(target.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  std::unique_ptr<sqlite3, decltype(&sqlite3_close)> guard(dest, &sqlite3_close);
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(dest, rc, fmt::format("cannot create {}", target)));
  sqlite3_backup* backup = sqlite3_backup_init(dest, "main", (**lease).raw(), "main");
  if (backup == nullptr) return std::unexpected(sqlite_error(dest, sqlite3_errcode(dest), "backup"));
  rc = sqlite3_backup_step(backup, -1);  // all pages in one step: one consistent snapshot
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) return std::unexpected(sqlite_error(dest, rc, fmt::format("backup to {}", target)));
  return {};
}

}  // namespace kc::store::sqlite
