#pragma once
// The engine (store/sql/engine.h) on one SQLite file in WAL mode: reads on a
// pool of reader connections, each seeing the last committed state; writes
// through the single writer with group commit (detail/writer.h).
#include <memory>
#include <string>

#include "store/sql/engine.h"
#include "store/sqlite/detail/pool.h"
#include "store/sqlite/detail/writer.h"

namespace kc::store::sqlite::detail {

class SqliteEngine final : public sql::Engine {
 public:
  SqliteEngine(const std::string& path, OpenOptions options, std::unique_ptr<Connection> writer)
      : readers_(path, options), writer_(std::move(writer)) {}

  Result<void> run_read(const Work& work) override;
  Result<void> run_write(const Work& work) override { return writer_.run(work); }
  Result<bool> has_table(sql::Connection& db, std::string_view name) override;
  // SQLite's AUTOINCREMENT counter in sqlite_sequence (nullopt when that table is gone).
  Result<std::optional<std::int64_t>> audit_id_counter(sql::Connection& db) override;

  Pool& readers() { return readers_; }

 private:
  Pool readers_;
  Writer writer_;
};

}  // namespace kc::store::sqlite::detail
