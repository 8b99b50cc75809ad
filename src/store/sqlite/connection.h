#pragma once
// A thin RAII layer over the SQLite C API: a connection with a cache of
// prepared statements, a query handle that resets its statement when it goes
// out of scope, and an IMMEDIATE transaction that rolls back unless committed.
//
// Errors: SQLITE_BUSY/LOCKED -> ErrorCode::unavailable; constraint violations ->
// ErrorCode::conflict with reason "constraint" (callers say which); anything
// else -> ErrorCode::internal. Not thread-safe: one thread uses a connection at
// a time (see Pool in sqlite_store.h).
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/error.h"

struct sqlite3;
struct sqlite3_stmt;

namespace kc::store::sqlite {

enum class Sync { normal, full };

struct OpenOptions {
  Sync sync = Sync::full;
  int busy_timeout_ms = 5000;
  bool create = true;
};

// SQLite's storage class of a value (the fundamental types of sqlite3_column_type).
enum class Storage { null, integer, real, text, blob };

class Query {
 public:
  explicit Query(sqlite3_stmt* stmt) : stmt_(stmt) {}
  Query(Query&& other) noexcept : stmt_(std::exchange(other.stmt_, nullptr)) {}
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;
  Query& operator=(Query&&) = delete;
  ~Query();

  // Parameters are 1-based, as in SQL (?1, ?2 ...).
  Query& bind(int index, std::int64_t value);
  Query& bind(int index, double value);
  Query& bind(int index, std::string_view value);
  Query& bind(int index, std::nullopt_t);
  template <class T>
  Query& bind(int index, const std::optional<T>& value) {
    return value ? bind(index, *value) : bind(index, std::nullopt);
  }

  Result<bool> step();  // true: a row is available
  Result<void> run();   // steps to completion, ignoring rows
  // Calls `on_row(*this)` for every row; stops at the first error.
  template <class F>
  Result<void> each(F&& on_row) {
    for (;;) {
      auto row = step();
      if (!row) return std::unexpected(row.error());
      if (!*row) return {};
      on_row(*this);
    }
  }

  std::int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  bool is_null(int column) const;
  Storage storage(int column) const;  // how the column's value is stored, before any conversion

 private:
  sqlite3_stmt* stmt_;
};

class Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const std::string& path, const OpenOptions& options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  // Prepares once per connection; `sql` must outlive the connection (a literal).
  Result<Query> query(const char* sql);
  Result<void> exec(const std::string& sql);  // one or more statements, no parameters
  std::int64_t last_insert_id() const;
  int changes() const;
  sqlite3* raw() const { return db_; }

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<const char*, sqlite3_stmt*> cache_;
};

// BEGIN IMMEDIATE takes the write lock up front, so two writers never both
// read-then-upgrade (which SQLite can only resolve by failing one with BUSY).
class Transaction {
 public:
  static Result<Transaction> begin(Connection& db);
  Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Result<void> commit();

 private:
  explicit Transaction(Connection& db) : db_(&db) {}
  Connection* db_;
};

// The error for an SQLite result code on `db` (see the header comment).
Error sqlite_error(sqlite3* db, int rc, std::string_view what);

}  // namespace kc::store::sqlite
