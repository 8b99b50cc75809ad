#pragma once
// Versioned schema migrations. Version N is the schema after migration N; the
// database records its version in PRAGMA user_version. Migrations only ever
// move forward, each in its own IMMEDIATE transaction, so a failure leaves the
// previous version intact. A database newer than this binary is refused.
#include <span>
#include <string_view>

#include "store/sqlite/connection.h"

namespace kc::store::sqlite {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

std::span<const Migration> migrations();
int latest_version();

Result<int> schema_version(Connection& db);
// Applies migrations up to `target` (latest by default); returns the new version.
// precondition_failed when the database is newer than `target`.
Result<int> migrate(Connection& db, int target = -1);

}  // namespace kc::store::sqlite
