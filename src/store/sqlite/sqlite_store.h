#pragma once
// The embedded store: one SQLite file in WAL mode holding the ports of
// store/sql/store.h. Opening migrates the schema to the latest version.
//
// Concurrency: reads run on a pool of reader connections (one per concurrent
// caller, created on demand) and see the last committed state. All writes go
// through one writer connection with group commit (detail/writer.h): jobs of
// concurrent callers share one BEGIN IMMEDIATE transaction (a busy timeout
// waits for other processes) and one fsync. Bookings and changes are planned
// inside that transaction. Overlapping reservations are refused by the PRIMARY
// KEY of reservation_cells, so correctness never rests on the serialisation.
// Unique keys and triggers (migrations.cpp) keep submissions, answers,
// acknowledged flags and decisions from ever changing.
#include <memory>
#include <string>

#include "store/sql/store.h"
#include "store/sqlite/connection.h"

namespace kc::store::sqlite {

namespace detail {
class SqliteEngine;
}

class SqliteStore final : public sql::Store {
 public:
  // Opens (creating if needed) and migrates. `path` may be ":memory:" only for
  // single-connection use; tests use temporary files.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, const OpenOptions& options = {});
  ~SqliteStore() override;

  const std::string& path() const { return path_; }
  // Copies the live database to `target` with SQLite's online backup API.
  Result<void> backup_to(const std::string& target) override;

 private:
  SqliteStore(std::string path, std::unique_ptr<detail::SqliteEngine> engine, std::int64_t longest_reservation_s);

  std::string path_;
  std::unique_ptr<detail::SqliteEngine> engine_;
};

}  // namespace kc::store::sqlite
