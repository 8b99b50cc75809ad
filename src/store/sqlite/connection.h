#pragma once
// The SQLite adapter of the statement interface (store/sql/statement.h): a
// connection with a cache of prepared statements, and an IMMEDIATE transaction
// that rolls back unless committed.
//
// Faults: SQLITE_BUSY/LOCKED -> busy; SQLITE_CONSTRAINT -> constraint, named
// by what SQLite reports after "constraint failed: " ("accounts.email"), or by
// the message a trigger raises; anything else -> other. Not thread-safe: one
// thread uses a connection at a time (see Pool in detail/pool.h).
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/error.h"
#include "store/sql/statement.h"

struct sqlite3;

namespace kc::store::sqlite {

using sql::Query;
using sql::Storage;

enum class Sync { normal, full };

struct OpenOptions {
  Sync sync = Sync::full;
  int busy_timeout_ms = 5000;
  bool create = true;
};

class Connection final : public sql::Connection {
 public:
  static Result<std::unique_ptr<Connection>> open(const std::string& path, const OpenOptions& options);
  ~Connection() override;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  Result<void> exec(const std::string& sql) override;
  std::int64_t last_insert_id() const override;
  int changes() const override;
  sqlite3* raw() const { return db_; }

 protected:
  Result<sql::Statement*> prepare(const char* sql) override;

 private:
  explicit Connection(sqlite3* db) : db_(db) {}
  sqlite3* db_;
  std::unordered_map<const char*, std::unique_ptr<sql::Statement>> cache_;
};

// BEGIN IMMEDIATE takes the write lock up front, so two writers never both
// read-then-upgrade (which SQLite can only resolve by failing one with BUSY).
class Transaction {
 public:
  static Result<Transaction> begin(sql::Connection& db);
  Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction& operator=(Transaction&&) = delete;
  ~Transaction();
  Result<void> commit();

 private:
  explicit Transaction(sql::Connection& db) : db_(&db) {}
  sql::Connection* db_;
};

// The fault for an SQLite result code on `db` (see the header comment).
sql::Fault sqlite_fault(sqlite3* db, int rc, std::string_view what);
// The same, as the API's error (sql::error_of).
Error sqlite_error(sqlite3* db, int rc, std::string_view what);

}  // namespace kc::store::sqlite
