#include "store/open_store.h"

#include <fmt/format.h>

#include "store/sqlite/migrations.h"
#include "store/sqlite/sqlite_store.h"

namespace kc::store {
namespace {

// A URL names a server backend; anything else is an SQLite file.
Result<void> sqlite_file(const std::string& db) {
  const auto scheme = db.find("://");
  if (scheme == std::string::npos) return {};
  return fail(ErrorCode::invalid_argument, "db",
              fmt::format("--db: a {} URL names a server; this program stores in an SQLite file only",
                          db.substr(0, scheme)));
}

}  // namespace

Result<std::unique_ptr<Store>> open(const std::string& db, const Options& options) {
  KC_CHECK(sqlite_file(db));
  const sqlite::OpenOptions sqlite_options{.sync = options.fsync_each_commit ? sqlite::Sync::full : sqlite::Sync::normal,
                                           .create = options.create};
  KC_TRY(auto store, sqlite::SqliteStore::open(db, sqlite_options));
  return std::unique_ptr<Store>(std::move(store));
}

Result<SchemaChange> migrate(const std::string& db) {
  KC_CHECK(sqlite_file(db));
  KC_TRY(auto connection, sqlite::Connection::open(db, {}));
  KC_TRY(const int before, sqlite::schema_version(*connection));
  KC_TRY(const int after, sqlite::migrate(*connection));
  return SchemaChange{before, after};
}

Result<int> schema_version(const std::string& db) {
  KC_CHECK(sqlite_file(db));
  KC_TRY(auto connection, sqlite::Connection::open(db, {.create = false}));
  return sqlite::schema_version(*connection);
}

int latest_schema_version() { return sqlite::latest_version(); }

}  // namespace kc::store
