#include "store/sqlite/connection.h"

#include <fmt/format.h>
#include <sqlite3.h>

namespace kc::store::sqlite {
namespace {

// SQLite names a unique key "table.column" after this; a trigger's RAISE has only its message.
std::string constraint_named(std::string_view message) {
  static constexpr std::string_view kMarker = "constraint failed: ";
  const auto at = message.find(kMarker);
  return std::string(at == std::string_view::npos ? message : message.substr(at + kMarker.size()));
}

class Statement final : public sql::Statement {
 public:
  explicit Statement(sqlite3_stmt* stmt) : stmt_(stmt) {}
  ~Statement() override { sqlite3_finalize(stmt_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  void bind_int64(int index, std::int64_t value) override { sqlite3_bind_int64(stmt_, index, value); }
  void bind_real(int index, double value) override { sqlite3_bind_double(stmt_, index, value); }
  void bind_text(int index, std::string_view value) override {
    sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  }
  void bind_null(int index) override { sqlite3_bind_null(stmt_, index); }

  std::expected<bool, sql::Fault> step() override {
    const int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3* db = sqlite3_db_handle(stmt_);
    return std::unexpected(sqlite_fault(db, sqlite3_extended_errcode(db), sqlite3_sql(stmt_)));
  }

  std::int64_t column_int64(int column) const override { return sqlite3_column_int64(stmt_, column); }
  double column_real(int column) const override { return sqlite3_column_double(stmt_, column); }
  std::string column_text(int column) const override {
    const auto* p = sqlite3_column_text(stmt_, column);
    if (p == nullptr) return {};
    return std::string(reinterpret_cast<const char*>(p), static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column)));
  }
  sql::Storage column_storage(int column) const override {
    switch (sqlite3_column_type(stmt_, column)) {
      case SQLITE_INTEGER: return sql::Storage::integer;
      case SQLITE_FLOAT: return sql::Storage::real;
      case SQLITE_TEXT: return sql::Storage::text;
      case SQLITE_BLOB: return sql::Storage::blob;
      default: return sql::Storage::null;
    }
  }

  void reset() override {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

 private:
  sqlite3_stmt* stmt_;
};

}  // namespace

sql::Fault sqlite_fault(sqlite3* db, int rc, std::string_view what) {
  const std::string reported = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  sql::Fault fault{sql::Fault::Kind::other, "", fmt::format("{}: {}", what, reported)};
  switch (rc & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      fault.kind = sql::Fault::Kind::busy;
      break;
    case SQLITE_CONSTRAINT:
      fault.kind = sql::Fault::Kind::constraint;
      fault.constraint = constraint_named(reported);
      break;
    default:
      break;
  }
  return fault;
}

Error sqlite_error(sqlite3* db, int rc, std::string_view what) { return sql::error_of(sqlite_fault(db, rc, what)); }

Result<std::unique_ptr<Connection>> Connection::open(const std::string& path, const OpenOptions& options) {
  sqlite3* raw = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (options.create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<Connection> db(new Connection(raw));
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(raw, rc, fmt::format("cannot open {}", path)));
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  sqlite3_extended_result_codes(raw, 1);
  // WAL lets readers run beside the writer; foreign keys are off by default in SQLite.
  const auto pragmas = fmt::format("PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA synchronous = {};",
                                   options.sync == Sync::full ? "FULL" : "NORMAL");
  if (auto ok = db->exec(pragmas); !ok) return std::unexpected(ok.error());
  return db;
}

Connection::~Connection() {
  cache_.clear();  // statements are finalized before the connection closes
  sqlite3_close_v2(db_);
}

Result<sql::Statement*> Connection::prepare(const char* sql) {
  auto it = cache_.find(sql);
  if (it != cache_.end()) return it->second.get();
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v3(db_, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(db_, rc, sql));
  return cache_.emplace(sql, std::make_unique<Statement>(stmt)).first->second.get();
}

Result<void> Connection::exec(const std::string& sql) {
  const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return std::unexpected(sqlite_error(db_, rc, sql.substr(0, 60)));
  return {};
}

std::int64_t Connection::last_insert_id() const { return sqlite3_last_insert_rowid(db_); }
int Connection::changes() const { return sqlite3_changes(db_); }

Result<Transaction> Transaction::begin(sql::Connection& db) {
  if (auto ok = db.exec("BEGIN IMMEDIATE"); !ok) return std::unexpected(ok.error());
  return Transaction(db);
}

Transaction::~Transaction() {
  if (db_ != nullptr) (void)db_->exec("ROLLBACK");
}

Result<void> Transaction::commit() {
  auto ok = db_->exec("COMMIT");
  if (ok) db_ = nullptr;
  return ok;
}

}  // namespace kc::store::sqlite
