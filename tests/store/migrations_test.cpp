// Schema migrations: from an empty file, from every earlier version (with data
// written at that version surviving), idempotent, and refusing a newer schema.
#include <algorithm>

#include "store/sqlite/migrations.h"
#include "store_fixture.h"

namespace kc::store::sqlite {
namespace {

using testing::count;
using testing::remove_db;
using testing::temp_db_path;

std::unique_ptr<Connection> open_db(const std::string& path) {
  auto db = Connection::open(path, {});
  EXPECT_TRUE(db.has_value());
  return std::move(*db);
}

// The schema as SQLite stores it, for comparing databases.
std::vector<std::string> schema(Connection& db) {
  std::vector<std::string> out;
  auto q = db.query("SELECT type || ' ' || name || ': ' || ifnull(sql, '') FROM sqlite_master ORDER BY type, name");
  EXPECT_TRUE(q.has_value());
  EXPECT_TRUE(q->each([&](Query& r) { out.push_back(r.text(0)); }).has_value());
  return out;
}

// Rows that are valid at `version`, to check that upgrades keep them.
void write_rows_for(Connection& db, int version) {
  if (version >= 1) {
    ASSERT_TRUE(db.exec("INSERT INTO locations VALUES (1, 'allen', 'Allen', 'l', 'Allen', 'TX', '75013', 'US', "
                        "'555', 'America/Chicago', 33.1, -96.7);"
                        "INSERT INTO appointment_types VALUES (1, 'consultation', 'C', 0, 60, 0, 0, 10, 'src');")
                    .has_value());
  }
  if (version >= 2) {
    ASSERT_TRUE(db.exec("INSERT INTO patients (id, given_name, family_name, date_of_birth, sex, created_at, updated_at) "
                        "VALUES (1, 'Alex', 'Demo', '1980-01-02', 'female', 0, 0);"
                        "INSERT INTO appointments (id, patient_id, location_id, type_id, mode, start_s, end_s, status, "
                        "created_at, updated_at) VALUES (1, 1, 1, 1, 'in_person', 3600, 7200, 'booked', 0, 0);")
                    .has_value());
  }
  if (version >= 5) {
    ASSERT_TRUE(db.exec("INSERT INTO assignments (id, patient_id, instrument, reason, created_by_kind, created_by_id, "
                        "created_at) VALUES (1, 1, 'phq9', 'staff', 'staff', 'nurse', 0);"
                        "INSERT INTO submissions (id, assignment_id, patient_id, instrument, instrument_version, version, "
                        "entered_by, on_paper, actor_kind, actor_id, submitted_at, answered_at, score) "
                        "VALUES (1, 1, 1, 'phq9', '1', 1, 'patient', 0, 'patient', '1', 0, 0, '{}');")
                    .has_value());
  }
}

TEST(MigrationsTest, VersionsAreConsecutiveFromOne) {
  int expected = 1;
  for (const auto& m : migrations()) EXPECT_EQ(m.version, expected++);
  EXPECT_EQ(latest_version(), expected - 1);
}

TEST(MigrationsTest, MigratesAnEmptyFileToTheLatestVersion) {
  const auto path = temp_db_path();
  auto db = open_db(path);
  EXPECT_EQ(schema_version(*db).value(), 0);
  EXPECT_EQ(migrate(*db).value(), latest_version());
  EXPECT_EQ(migrate(*db).value(), latest_version());  // nothing left to do
  db.reset();
  EXPECT_EQ(count(path, "SELECT count(*) FROM sqlite_master WHERE name = 'reservation_cells'"), 1);
  remove_db(path);
}

TEST(MigrationsTest, MigratesFromEveryEarlierVersionKeepingItsData) {
  const auto fresh_path = temp_db_path();
  auto fresh = open_db(fresh_path);
  ASSERT_TRUE(migrate(*fresh).has_value());
  const auto expected_schema = schema(*fresh);
  for (int from = 0; from < latest_version(); ++from) {
    SCOPED_TRACE(from);
    const auto path = temp_db_path();
    auto db = open_db(path);
    ASSERT_EQ(migrate(*db, from).value(), from);
    write_rows_for(*db, from);
    ASSERT_EQ(migrate(*db).value(), latest_version());
    EXPECT_EQ(schema(*db), expected_schema);
    db.reset();
    EXPECT_EQ(count(path, "SELECT count(*) FROM locations"), from >= 1 ? 1 : 0);
    EXPECT_EQ(count(path, "SELECT count(*) FROM appointments"), from >= 2 ? 1 : 0);
    EXPECT_EQ(count(path, "SELECT count(*) FROM submissions"), from >= 5 ? 1 : 0);
    remove_db(path);
  }
  fresh.reset();
  remove_db(fresh_path);
}

TEST(MigrationsTest, RefusesADatabaseWrittenByANewerProgram) {
  const auto path = temp_db_path();
  auto db = open_db(path);
  ASSERT_TRUE(db->exec(fmt::format("PRAGMA user_version = {}", latest_version() + 1)).has_value());
  auto r = migrate(*db);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().code, ErrorCode::precondition_failed);
  db.reset();
  EXPECT_FALSE(SqliteStore::open(path).has_value());
  remove_db(path);
}

TEST(MigrationsTest, OpeningTheStoreTurnsOnWalAndForeignKeys) {
  const auto path = temp_db_path();
  auto store = SqliteStore::open(path);
  ASSERT_TRUE(store.has_value());
  auto db = open_db(path);
  auto mode = db->query("PRAGMA journal_mode");
  ASSERT_TRUE(mode.has_value() && mode->step().value());
  EXPECT_EQ(mode->text(0), "wal");
  auto fk = db->query("PRAGMA foreign_keys");
  ASSERT_TRUE(fk.has_value() && fk->step().value());
  EXPECT_EQ(fk->int64(0), 1);
  remove_db(path);
}

}  // namespace
}  // namespace kc::store::sqlite
