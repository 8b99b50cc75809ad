// `ketaclinic audit verify` and `audit anchor` against tampering, with the
// database file in hand: each case is SQL run on a copy of a database holding
// real entries (appended through the store), whether SQLite lets it run, and
// what verify answers without an anchor and with anchors taken before (exit
// 0 intact, 1 broken). What plain verify cannot catch (a consistent rewrite of
// the tail, high-water mark included) only the anchors do (docs/security.md).
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "auth/audit.h"
#include "auth/secrets.h"
#include "run_cli.h"
#include "store/sqlite/sqlite_store.h"

namespace kc {
namespace {

using testing::run_cli;

// An entry's id and hash as `audit verify` prints them ("ID:HASH"); spelled
// out here so that this test of the binary depends on no code under test.
struct Anchor {
  std::int64_t id;
  std::string hash;
};
std::string text(const Anchor& a) { return fmt::format("{}:{}", a.id, a.hash); }

std::string temp_path(const std::string& tag) {
  static int counter = 0;
  return (std::filesystem::temp_directory_path() / fmt::format("kc-audit-cli-{}-{}-{}", getpid(), counter++, tag))
      .string();
}

void remove_db(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

// The extended result code of running `sql` (one or more statements) on the file.
int exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_extended_result_codes(db, 1);
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

// Six entries as the server writes them: 2, 4 and 6 about patient 4, entry 3 a refusal.
class AuditCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(auth::crypto_ready());
    db = temp_path("db");
    auto store = store::sqlite::SqliteStore::open(db);
    ASSERT_TRUE(store.has_value()) << store.error().message;
    for (int i = 1; i <= 6; ++i) {
      auth::AuditEntry e;
      e.at = clinic::Instant{std::chrono::seconds(1'800'000'000 + i)};
      e.actor_kind = "staff";
      e.actor_id = "3";
      e.actor_roles = "nurse";
      e.client = "127.0.0.1";
      e.action = "read";
      e.resource_kind = "patient";
      e.resource_id = "4";
      if (i % 2 == 0) e.patient_id = 4;
      e.operation = "getPatient";
      e.status = i == 3 ? 403 : 200;
      e.outcome = auth::outcome_for_status(e.status);
      auto stored = (*store)->append_audit(e);
      ASSERT_TRUE(stored.has_value()) << stored.error().message;
      anchors.push_back({stored->id, stored->hash});
    }
  }
  void TearDown() override {
    remove_db(db);
    for (const auto& f : files) std::filesystem::remove(f);
  }

  std::string copy_of_db() {
    const auto path = temp_path("copy");
    std::filesystem::copy_file(db, path);
    if (std::filesystem::exists(db + "-wal")) std::filesystem::copy_file(db + "-wal", path + "-wal");
    files.push_back(path);
    files.push_back(path + "-wal");
    files.push_back(path + "-shm");
    return path;
  }

  std::string file_with(const std::string& text) {
    const auto path = temp_path("anchors");
    std::ofstream(path) << text;
    files.push_back(path);
    return path;
  }

  std::string head() const { return text(anchors.back()); }
  // Anchors an operator kept: after entry 2, and the head (entry 6).
  std::string anchor_file() {
    return file_with(fmt::format("# kept elsewhere\n{} 2027-01-15T08:00:02Z\n{} 2027-01-15T08:00:06Z\n",
                                 text(anchors[1]), head()));
  }

  std::string db;
  std::vector<Anchor> anchors;
  std::vector<std::string> files;
};

constexpr const char* kColumns =
    "id, at_s, actor_kind, actor_id, actor_roles, client, action, resource_kind, resource_id, patient_id, operation, "
    "outcome, status, prev_hash, hash, hash_version";

struct Tamper {
  const char* name;
  std::string sql;
  bool runs;     // false: SQLite refuses the (last) statement, the file is unchanged
  int plain;     // `audit verify`
  int anchored;  // `audit verify --anchor HEAD`, and `--anchor-file` with entry 2 and the head
};

const std::vector<Tamper>& tampers() {
  static const std::string no_update = "DROP TRIGGER audit_log_no_update; ";
  static const std::string truncate =
      "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > 4; ";
  static const std::string reset_sequence = "UPDATE sqlite_sequence SET seq = 4 WHERE name = 'audit_log'; ";
  static const std::string copy_row = "CREATE TEMP TABLE t AS SELECT * FROM audit_log WHERE id = 6; ";
  static const std::vector<Tamper> cases = {
      {"untouched", "", true, 0, 0},
      {"an edited field", no_update + "UPDATE audit_log SET outcome = 'allowed' WHERE id = 3", true, 1, 1},
      {"a deleted entry", "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 3", true, 1, 1},
      {"the newest entries deleted", truncate, true, 1, 1},
      {"the newest deleted, sqlite_sequence reset", truncate + reset_sequence, true, 1, 1},
      // Everything a writer of the file can reset, reset consistently: only an anchor kept elsewhere sees it.
      {"the newest deleted, sqlite_sequence and the high-water mark reset",
       truncate + reset_sequence + "DROP TRIGGER audit_high_water_only_rises; UPDATE audit_high_water SET last_id = 4",
       true, 0, 1},
      {"the high-water mark deleted", "DROP TRIGGER audit_high_water_is_kept; DELETE FROM audit_high_water", true, 1, 1},
      {"patient_id as the text '4 (hidden)'", no_update + "UPDATE audit_log SET patient_id = '4 (hidden)' WHERE id = 4",
       true, 1, 1},
      {"patient_id as a real", no_update + "UPDATE audit_log SET patient_id = 4.5 WHERE id = 4", true, 1, 1},
      {"at_s as text", no_update + "UPDATE audit_log SET at_s = at_s || ' (moved)' WHERE id = 4", true, 1, 1},
      {"at_s as a real", no_update + "UPDATE audit_log SET at_s = at_s + 0.5 WHERE id = 4", true, 1, 1},
      {"status as text", no_update + "UPDATE audit_log SET status = status || ' ok' WHERE id = 3", true, 1, 1},
      {"status as a real", no_update + "UPDATE audit_log SET status = status + 0.25 WHERE id = 3", true, 1, 1},
      // A rebuilt table has no types at all (STRICT would not stop this): verify reads the storage classes.
      {"patient_id as the text '4' in a rebuilt table",
       fmt::format("CREATE TABLE saved AS SELECT * FROM audit_log; DROP TABLE audit_log; CREATE TABLE audit_log ({}); "
                   "INSERT INTO audit_log SELECT * FROM saved; UPDATE audit_log SET patient_id = '4' WHERE id = 4; "
                   "DROP TABLE saved",
                   kColumns),
       true, 1, 1},
      // With the triggers in place:
      {"UPDATE", "UPDATE audit_log SET outcome = 'allowed' WHERE id = 3", false, 0, 0},
      {"DELETE of the newest", "DELETE FROM audit_log WHERE id = 6", false, 0, 0},
      {"INSERT OR REPLACE of an entry",
       copy_row + "UPDATE t SET patient_id = NULL; INSERT OR REPLACE INTO audit_log SELECT * FROM t", false, 0, 0},
      {"REPLACE INTO of an entry", copy_row + "UPDATE t SET status = 200; REPLACE INTO audit_log SELECT * FROM t",
       false, 0, 0},
      {"an entry of another type appended",
       copy_row + "UPDATE t SET id = 7, patient_id = '4 (hidden)'; INSERT INTO audit_log SELECT * FROM t", false, 0, 0},
      {"an entry appended after a gap", copy_row + "UPDATE t SET id = 9; INSERT INTO audit_log SELECT * FROM t", false,
       0, 0},
      {"the high-water mark lowered", "UPDATE audit_high_water SET last_id = 4", false, 0, 0},
      {"the high-water mark deleted", "DELETE FROM audit_high_water", false, 0, 0},
      {"the high-water mark replaced", "INSERT OR REPLACE INTO audit_high_water VALUES (1, 4)", false, 0, 0},
  };
  return cases;
}

TEST_F(AuditCliTest, EachTamperingIsRefusedOrFoundAsDocumented) {
  const auto kept = anchor_file();
  for (const auto& c : tampers()) {
    SCOPED_TRACE(c.name);
    const auto copy = copy_of_db();
    if (!c.sql.empty()) {
      const int rc = exec(copy, c.sql);
      if (c.runs) {
        EXPECT_EQ(rc, SQLITE_OK) << sqlite3_errstr(rc);
        if (rc != SQLITE_OK) continue;
      } else {
        EXPECT_EQ(rc & 0xff, SQLITE_CONSTRAINT) << sqlite3_errstr(rc);
      }
    }
    const auto plain = run_cli("audit verify --db " + copy);
    EXPECT_EQ(plain.exit_code, c.plain) << plain.out << plain.err;
    if (c.plain == 1) {
      EXPECT_NE(plain.err.find("BROKEN"), std::string::npos) << plain.err;
    }
    const auto anchored = run_cli("audit verify --db " + copy + " --anchor " + head());
    EXPECT_EQ(anchored.exit_code, c.anchored) << anchored.out << anchored.err;
    const auto from_file = run_cli("audit verify --db " + copy + " --anchor-file " + kept);
    EXPECT_EQ(from_file.exit_code, c.anchored) << from_file.out << from_file.err;
  }
}

TEST_F(AuditCliTest, VerifyPrintsTheHeadItCheckedAsAnAnchor) {
  const auto r = run_cli("audit verify --db " + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("audit trail intact: 6 entries"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("head: " + head() + "\n"), std::string::npos) << r.out;
  const auto with_file = run_cli("audit verify --db " + db + " --anchor-file " + anchor_file());
  ASSERT_EQ(with_file.exit_code, 0) << with_file.err;
  EXPECT_NE(with_file.out.find("anchors: 2 checked; the newest, entry 6, is on the chain"), std::string::npos)
      << with_file.out;
}

TEST_F(AuditCliTest, AnAnchorThatIsNotOnTheChainIsABreak) {
  const Anchor other{4, anchors[4].hash};  // entry 5's hash under entry 4's id
  auto r = run_cli("audit verify --db " + db + " --anchor " + text(other));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("entry 4: its hash differs from the anchor"), std::string::npos) << r.err;
  r = run_cli("audit verify --db " + db + " --anchor-file " + file_with(text(other) + "\n"));
  EXPECT_EQ(r.exit_code, 1);
  r = run_cli("audit verify --db " + db + " --anchor " + text(Anchor{9, anchors[4].hash}));
  EXPECT_EQ(r.exit_code, 1) << "an anchor beyond the end";
  EXPECT_NE(r.err.find("entry 9 of the anchor"), std::string::npos) << r.err;
}

TEST_F(AuditCliTest, BadAnchorsAndUnreadableAnchorFilesAreUsageErrors) {
  auto r = run_cli("audit verify --db " + db + " --anchor nonsense");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("anchor"), std::string::npos) << r.err;
  const auto bad = file_with(head() + "\nnot an anchor\n");
  r = run_cli("audit verify --db " + db + " --anchor-file " + bad);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(bad + ":2"), std::string::npos) << r.err;
  r = run_cli("audit verify --db " + db + " --anchor-file " + temp_path("missing"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("anchor-file"), std::string::npos) << r.err;
}

TEST_F(AuditCliTest, AuditAnchorPrintsOrAppendsTheHeadOnlyOfAnIntactTrail) {
  auto r = run_cli("audit anchor --db " + db);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.substr(0, head().size() + 1), head() + " ") << r.out;
  EXPECT_EQ(r.out.back(), '\n');

  const auto kept = temp_path("kept");  // created by the first run
  files.push_back(kept);
  ASSERT_EQ(run_cli("audit anchor --db " + db + " --anchor-file " + kept).exit_code, 0);
  ASSERT_EQ(run_cli("audit anchor --db " + db + " --anchor-file " + kept).exit_code, 0);
  const auto text = testing::slurp(kept);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 2) << text;
  EXPECT_EQ(text.find(head() + " "), 0u) << text;
  EXPECT_EQ(run_cli("audit verify --db " + db + " --anchor-file " + kept).exit_code, 0);

  const auto copy = copy_of_db();
  ASSERT_EQ(exec(copy, "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id > 4; "
                       "UPDATE sqlite_sequence SET seq = 4 WHERE name = 'audit_log'; "
                       "DROP TRIGGER audit_high_water_only_rises; UPDATE audit_high_water SET last_id = 4"),
            SQLITE_OK);
  r = run_cli("audit anchor --db " + copy + " --anchor-file " + kept);
  EXPECT_EQ(r.exit_code, 1) << "the file's anchors show the removed entries";
  EXPECT_NE(r.err.find("BROKEN"), std::string::npos) << r.err;
  EXPECT_EQ(testing::slurp(kept), text) << "nothing appended for a broken trail";
  const auto edited = copy_of_db();
  ASSERT_EQ(exec(edited, "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET status = 200 WHERE id = 3"), SQLITE_OK);
  r = run_cli("audit anchor --db " + edited);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(r.out.empty()) << "`>> FILE` appends nothing: " << r.out;
}

}  // namespace
}  // namespace kc
