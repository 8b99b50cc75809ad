#pragma once
// The one place that turns `--db` into a store: every subcommand opens its
// database here and never names a backend. Today the only backend is SQLite,
// so `db` is a file path; a URL of a backend this program was not built with
// (postgres://...) is refused with invalid_argument, field "db".
#include <memory>
#include <string>

#include "store/sql/store.h"

namespace kc::store {

using sql::Store;

struct Options {
  bool create = true;             // create the database when it does not exist yet
  bool fsync_each_commit = true;  // false: commits may be lost (not corrupted) on a power cut, for speed
};

// Opens and migrates to the latest schema.
Result<std::unique_ptr<Store>> open(const std::string& db, const Options& options = {});

struct SchemaChange {
  int before = 0;
  int after = 0;
};
// Applies the pending schema migrations (`db migrate`).
Result<SchemaChange> migrate(const std::string& db);
// The schema version of an existing database (`db status`).
Result<int> schema_version(const std::string& db);
// The version this program migrates to.
int latest_schema_version();

}  // namespace kc::store
