#include "store/sqlite/sqlite_store.h"

#include "store/sql/detail/rows.h"
#include "store/sqlite/detail/engine.h"
#include "store/sqlite/migrations.h"

namespace kc::store::sqlite {

// The base holds a reference to the engine, which this object owns and keeps
// on the heap, so it stays put when the pointer moves into engine_.
SqliteStore::SqliteStore(std::string path, std::unique_ptr<detail::SqliteEngine> engine,
                         std::int64_t longest_reservation_s)
    : sql::Store(*engine, longest_reservation_s), path_(std::move(path)), engine_(std::move(engine)) {}

SqliteStore::~SqliteStore() = default;

Result<std::unique_ptr<SqliteStore>> SqliteStore::open(const std::string& path, const OpenOptions& options) {
  auto writer = Connection::open(path, options);
  if (!writer) return std::unexpected(writer.error());
  if (auto v = migrate(**writer); !v) return std::unexpected(v.error());
  auto longest = sql::detail::longest_reservation(**writer);
  if (!longest) return std::unexpected(longest.error());
  auto engine = std::make_unique<detail::SqliteEngine>(path, options, std::move(*writer));
  return std::unique_ptr<SqliteStore>(new SqliteStore(path, std::move(engine), *longest));
}

}  // namespace kc::store::sqlite
