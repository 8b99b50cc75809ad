// The backend-neutral layer without any backend: a scripted statement shows
// how a Query turns faults into the API's errors, and the one table of
// refusals answers each write with its reason. Then the factory: --db decides.
#include <gtest/gtest.h>

#include "store/open_store.h"
#include "store_fixture.h"
#include "store/sql/constraint_reasons.h"
#include "store/sql/statement.h"

namespace kc::store {
namespace {

// Steps through a script: rows, then the end or a fault.
class ScriptedStatement final : public sql::Statement {
 public:
  explicit ScriptedStatement(std::optional<sql::Fault> fault) : fault_(std::move(fault)) {}
  void bind_int64(int, std::int64_t) override {}
  void bind_real(int, double) override {}
  void bind_text(int, std::string_view) override {}
  void bind_null(int) override {}
  std::expected<bool, sql::Fault> step() override {
    if (fault_) return std::unexpected(*fault_);
    return false;
  }
  std::int64_t column_int64(int) const override { return 0; }
  double column_real(int) const override { return 0; }
  std::string column_text(int) const override { return {}; }
  sql::Storage column_storage(int) const override { return sql::Storage::null; }
  void reset() override { ++resets; }
  int resets = 0;

 private:
  std::optional<sql::Fault> fault_;
};

sql::Fault constraint(std::string name) { return {sql::Fault::Kind::constraint, std::move(name), "INSERT ..."}; }

TEST(SqlLayerTest, AConstraintOnADeclaredWriteAnswersWithTheTablesReason) {
  struct Case {
    std::string write, subject;
    sql::Fault fault;
    ErrorCode code;
    std::string field, reason;
  };
  const std::vector<Case> cases = {
      {"account.create", "", constraint("accounts.email"), ErrorCode::conflict, "email", "email_taken"},
      {"account.create", "", constraint("accounts.patient_id"), ErrorCode::conflict, "patient_id", "patient_has_account"},
      // A constraint the table does not know for this write stays the generic refusal.
      {"account.create", "", constraint("accounts.display_name"), ErrorCode::conflict, "", "constraint"},
      {"booking.cells", "", constraint("reservation_cells.cls, reservation_cells.ref_id, reservation_cells.cell"),
       ErrorCode::conflict, "start", "slot_taken"},
      {"booking.patient_cells", "", constraint("anything"), ErrorCode::conflict, "start", "patient_busy"},
      {"submission.original", "7", constraint("submissions.assignment_id, submissions.version"), ErrorCode::conflict,
       "id", "already_submitted"},
      {"screening.decision", "3", constraint("screening_decisions.screening_id"), ErrorCode::conflict, "id",
       "already_decided"},
      // Busy and other faults do not depend on the write.
      {"account.create", "", {sql::Fault::Kind::busy, "", "locked"}, ErrorCode::unavailable, "", "database_busy"},
      {"booking.cells", "", {sql::Fault::Kind::other, "", "disk I/O"}, ErrorCode::internal, "", "database"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.write + " / " + c.fault.constraint);
    ScriptedStatement stmt(c.fault);
    {
      sql::Query q(&stmt);
      auto ok = q.refusing(c.write, c.subject).run();
      ASSERT_FALSE(ok.has_value());
      EXPECT_EQ(ok.error().code, c.code);
      EXPECT_EQ(ok.error().field, c.field);
      EXPECT_EQ(ok.error().reason, c.reason);
      if (!c.subject.empty()) {
        EXPECT_NE(ok.error().message.find(c.subject), std::string::npos) << ok.error().message;
      }
    }
    EXPECT_EQ(stmt.resets, 1);  // the query gave its statement back
  }
}

TEST(SqlLayerTest, AConstraintOutsideADeclaredWriteIsTheGenericRefusal) {
  ScriptedStatement stmt(constraint("accounts.email"));
  sql::Query q(&stmt);
  auto ok = q.run();
  ASSERT_FALSE(ok.has_value());
  EXPECT_EQ(ok.error().reason, "constraint");
  EXPECT_NE(ok.error().message.find("INSERT"), std::string::npos);  // the log still says what failed
}

TEST(SqlLayerTest, ChecksOfTheStoreFillTheMessageFromTheTable) {
  const auto stale = sql::refusal("patient.update", 12, 4);
  EXPECT_EQ(stale.code, ErrorCode::conflict);
  EXPECT_EQ(stale.field, "version");
  EXPECT_EQ(stale.reason, "stale_version");
  EXPECT_NE(stale.message.find("patient 12"), std::string::npos) << stale.message;
  EXPECT_NE(stale.message.find("version 4"), std::string::npos) << stale.message;
  EXPECT_EQ(sql::refusal("booking.idempotency_key").code, ErrorCode::precondition_failed);
  EXPECT_EQ(sql::refusal("flag.acknowledgement", 9).reason, "already_acknowledged");
  EXPECT_FALSE(sql::refusal_row("no.such.write", "").has_value());
}

using sqlite::testing::remove_db;
using sqlite::testing::temp_db_path;

TEST(SqlLayerTest, TheFactoryRefusesAServerUrlNamingTheDbOption) {
  for (const std::string db : {"postgres://clinic@db.example/ketaclinic", "postgresql://localhost/kc"}) {
    auto store = store::open(db);
    ASSERT_FALSE(store.has_value()) << db;
    EXPECT_EQ(store.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(store.error().field, "db");
    EXPECT_EQ(store.error().message.find("clinic@"), std::string::npos) << "the URL may hold credentials";
    EXPECT_FALSE(store::migrate(db).has_value());
    EXPECT_FALSE(store::schema_version(db).has_value());
  }
}

TEST(SqlLayerTest, TheFactoryOpensAFileWithEveryPortAndItsSchema) {
  const auto path = temp_db_path();
  EXPECT_FALSE(store::open(path, {.create = false}).has_value());  // nothing there yet
  {
    auto store = store::open(path, {.fsync_each_commit = false});
    ASSERT_TRUE(store.has_value()) << store.error().message;
    clinic::Patient p;
    p.given_name = "Ada";
    p.family_name = "Lovelace";
    p.date_of_birth = date::year{1815} / 12 / 10;
    auto created = (*store)->create_patient(p);
    ASSERT_TRUE(created.has_value()) << created.error().message;
    auth::PatientScopes& scopes = **store;
    auto care = scopes.care_location_ids(created->id);
    ASSERT_TRUE(care.has_value());
    EXPECT_TRUE(care->empty());
  }
  auto version = store::schema_version(path);
  ASSERT_TRUE(version.has_value());
  EXPECT_EQ(*version, store::latest_schema_version());
  auto change = store::migrate(path);
  ASSERT_TRUE(change.has_value());
  EXPECT_EQ(change->before, change->after);
  auto again = store::open(path, {.create = false});
  ASSERT_TRUE(again.has_value());
  clinic::PatientQuery query;
  query.name = "Lovelace";
  auto found = (*again)->find_patients(query);
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->size(), 1u);
  remove_db(path);
}

}  // namespace
}  // namespace kc::store
