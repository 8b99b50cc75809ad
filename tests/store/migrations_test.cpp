// Schema migrations: from an empty file, from every earlier version (with data
// written at that version surviving), idempotent, and refusing a newer schema;
// an audit trail written before migration 7 (hash formula 1) keeps verifying
// and continues with formula 2, and its high-water mark carries over.
#include <fmt/format.h>

#include <algorithm>

#include "auth/secrets.h"
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

// Entries as the code before migration 7 wrote them: formula 1, no hash_version column.
void write_untyped_audit(Connection& db, int n) {
  std::string prev(auth::kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    auth::AuditEntry e;
    e.id = i;
    e.at = clinic::Instant{std::chrono::seconds(1'800'000'000 + i)};
    e.actor_kind = "staff";
    e.actor_id = "3";
    e.action = "read";
    e.resource_kind = "patient";
    e.resource_id = "4";
    e.patient_id = 4;
    e.operation = "getPatient";
    e.status = 200;
    e.prev_hash = prev;
    e.hash_version = auth::kUntypedHash;
    e.hash = auth::chain_hash(e);
    prev = e.hash;
    ASSERT_TRUE(db.exec(fmt::format("INSERT INTO audit_log (id, at_s, actor_kind, actor_id, actor_roles, client, action, "
                                    "resource_kind, resource_id, patient_id, operation, outcome, status, prev_hash, hash) "
                                    "VALUES ({}, {}, 'staff', '3', '', '', 'read', 'patient', '4', 4, 'getPatient', "
                                    "'allowed', 200, '{}', '{}')",
                                    e.id, e.at.time_since_epoch().count(), e.prev_hash, e.hash))
                    .has_value());
  }
}

// Walks the whole trail as `audit verify` does.
auth::ChainVerifier verify(SqliteStore& store) {
  auth::ChainVerifier chain;
  auto high = store.scan_audit(0, [&](const auth::StoredEntry& e) { return chain.add(e); });
  EXPECT_TRUE(high.has_value());
  if (high) chain.finish(*high);
  return chain;
}

TEST(MigrationsTest, AnAuditTrailFromBeforeMigration7KeepsVerifyingAndContinuesTyped) {
  ASSERT_TRUE(auth::crypto_ready());
  const auto path = temp_db_path();
  auto db = open_db(path);
  ASSERT_EQ(migrate(*db, 6).value(), 6);
  write_untyped_audit(*db, 3);
  db.reset();
  auto store = SqliteStore::open(path);  // migrates
  ASSERT_TRUE(store.has_value());
  EXPECT_TRUE(verify(**store).intact()) << verify(**store).problem();
  auth::AuditEntry next;
  next.actor_kind = "system";
  next.operation = "test";
  auto appended = (*store)->append_audit(next);
  ASSERT_TRUE(appended.has_value()) << appended.error().message;
  EXPECT_EQ(appended->id, 4);
  EXPECT_EQ(appended->hash_version, auth::kTypedHash);
  const auto chain = verify(**store);
  EXPECT_TRUE(chain.intact()) << chain.problem();
  EXPECT_EQ(chain.count(), 4);
  store->reset();
  EXPECT_EQ(count(path, "SELECT group_concat(hash_version, '') FROM audit_log"), 1112);
  EXPECT_EQ(count(path, "SELECT last_id FROM audit_high_water"), 4);
  remove_db(path);
}

// Entries removed before the upgrade, with AUTOINCREMENT's counter intact: the
// high-water mark starts from that counter, so the removal still shows.
TEST(MigrationsTest, TheHighWaterMarkStartsFromTheHighestIdEverUsed) {
  const auto path = temp_db_path();
  auto db = open_db(path);
  ASSERT_EQ(migrate(*db, 6).value(), 6);
  write_untyped_audit(*db, 3);
  ASSERT_TRUE(db->exec("DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3").has_value());
  db.reset();
  auto store = SqliteStore::open(path);
  ASSERT_TRUE(store.has_value());
  const auto chain = verify(**store);
  EXPECT_FALSE(chain.intact());
  EXPECT_NE(chain.problem().find("entries 3 to 3 are missing"), std::string::npos) << chain.problem();
  store->reset();
  remove_db(path);
}

// Migration 8 places each patient where they had a visit that was not cancelled,
// and a patient whose visits were all cancelled where the first one was; it
// does not place a patient anywhere a cancelled later booking was made.
TEST(MigrationsTest, CareLocationsAreTakenFromTheAppointmentsBeforeMigration8) {
  const auto path = temp_db_path();
  auto db = open_db(path);
  ASSERT_EQ(migrate(*db, 7).value(), 7);
  write_rows_for(*db, 7);  // patient 1 booked at Allen
  ASSERT_TRUE(db->exec("INSERT INTO locations VALUES (2, 'dallas', 'Dallas', 'l', 'Dallas', 'TX', '75201', 'US', "
                       "'555', 'America/Chicago', 32.8, -96.8);"
                       "INSERT INTO patients (id, given_name, family_name, date_of_birth, sex, created_at, updated_at) "
                       "VALUES (2, 'Bo', 'Demo', '1980-01-02', 'female', 0, 0), (3, 'Cy', 'Demo', '1980-01-02', 'male', 0, 0);"
                       "INSERT INTO appointments (id, patient_id, location_id, type_id, mode, start_s, end_s, status, "
                       "created_at, updated_at) VALUES "
                       "(2, 1, 2, 1, 'in_person', 90000, 93600, 'cancelled', 50, 50),"  // a cancelled Dallas booking
                       "(3, 2, 2, 1, 'in_person', 7200, 10800, 'cancelled', 60, 60),"
                       "(4, 2, 1, 1, 'in_person', 97200, 100800, 'cancelled', 70, 70);")
                  .has_value());
  ASSERT_EQ(migrate(*db).value(), latest_version());
  db.reset();
  const auto placed = [&](int patient) {
    return count(path, fmt::format("SELECT ifnull(sum(location_id * 10), 0) + count(*) FROM patient_care "
                                   "WHERE patient_id = {}", patient));
  };
  EXPECT_EQ(placed(1), 11);  // Allen only: the cancelled Dallas booking places nobody
  EXPECT_EQ(placed(2), 21);  // Dallas, where the first (cancelled) visit was
  EXPECT_EQ(placed(3), 0);   // no visit: in care nowhere yet
  remove_db(path);
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
