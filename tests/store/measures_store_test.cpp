// The measures records in SQLite: booking a consultation assigns the intake
// set in the booking's own transaction (and a follow-up does not); the
// database itself keeps submissions, answers, acknowledged flags, decisions
// and appointment events from changing, whatever code runs against it, REPLACE
// included (which deletes a conflicting row without firing DELETE triggers).
#include <sqlite3.h>

#include "clinic/scheduler.h"
#include "measures_fixture.h"

namespace kc::store::sqlite {
namespace {

using clinic::testing::at;
using testing::count;
using testing::MeasuresTest;

class IntakeTest : public MeasuresTest {
 protected:
  void SetUp() override {
    MeasuresTest::SetUp();
    policy = clinic::testing::open_policy();
    scheduler = std::make_unique<clinic::Scheduler>(directory, policy, *store, clock, intake);
  }

  Result<clinic::BookingOutcome> book(const char* type, const char* start, clinic::Id for_patient = 0) {
    return scheduler->book({for_patient == 0 ? patient : for_patient, "test", type, clinic::Mode::in_person, at(start),
                            std::nullopt, "", "", ""},
                           {"patient", "1"});
  }

  std::vector<std::string> instruments_assigned(clinic::Id p) {
    std::vector<std::string> out;
    const auto assigned = questionnaires->assignments(p).value();
    for (const auto& a : assigned) out.push_back(a.instrument);
    return out;
  }

  clinic::IntakeSet intake{{"consultation"}, {"phq9", "gad7", "medical_screening"}, "test"};
  clinic::BookingPolicy policy;
  std::unique_ptr<clinic::Scheduler> scheduler;
};

TEST_F(IntakeTest, BookingAConsultationAssignsTheIntakeSetDueAtTheVisit) {
  auto booked = book("consultation", "2026-11-10T10:00:00-06:00");
  ASSERT_TRUE(booked.has_value() && booked->unavailable.empty());
  const auto assigned = questionnaires->assignments(patient).value();
  ASSERT_EQ(assigned.size(), 3u);
  EXPECT_EQ(instruments_assigned(patient), (std::vector<std::string>{"phq9", "gad7", "medical_screening"}));
  for (const auto& a : assigned) {
    EXPECT_EQ(a.reason, clinic::AssignmentReason::intake);
    EXPECT_EQ(a.due, at("2026-11-10T10:00:00-06:00"));
    EXPECT_EQ(a.appointment_id, booked->appointments.front().id);
    EXPECT_EQ(a.created_by.kind, "patient");
  }
}

TEST_F(IntakeTest, AFollowUpOrAnInfusionAssignsNothing) {
  ASSERT_TRUE(book("follow_up", "2026-11-10T10:00:00-06:00").has_value());
  ASSERT_TRUE(book("infusion", "2026-11-11T10:00:00-06:00").has_value());
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointments"), 2);
  EXPECT_EQ(rows("assignments"), 0);
}

TEST_F(IntakeTest, AnOpenAssignmentIsNotAssignedAgainButASubmittedOneIs) {
  ASSERT_TRUE(book("consultation", "2026-11-10T10:00:00-06:00").has_value());
  const auto first = questionnaires->assignments(patient).value();
  ASSERT_TRUE(submit(first[0].id, "phq9", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}));
  ASSERT_TRUE(book("consultation", "2026-11-17T10:00:00-06:00").has_value());
  EXPECT_EQ(instruments_assigned(patient), (std::vector<std::string>{"phq9", "gad7", "medical_screening", "phq9"}));
}

TEST_F(IntakeTest, ABookingThatFailsAssignsNothing) {
  const clinic::Id other = new_patient("Blake").id;
  ASSERT_TRUE(book("consultation", "2026-11-10T10:00:00-06:00", other).has_value());
  auto taken = book("consultation", "2026-11-10T10:00:00-06:00");
  ASSERT_TRUE(taken.has_value());
  EXPECT_FALSE(taken->unavailable.empty());
  EXPECT_TRUE(questionnaires->assignments(patient)->empty());
  EXPECT_EQ(rows("assignments"), 3);
}

// Plain SQL against the file, bypassing the store: the extended result code of one statement.
int exec(const std::string& path, const std::string& sql) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr);
  sqlite3_extended_result_codes(db, 1);
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  sqlite3_close(db);
  return rc;
}

TEST_F(MeasuresTest, TheDatabaseRefusesToChangeSubmissionsAnswersAcknowledgedFlagsAndDecisions) {
  auto out = submit(assign("phq9"), "phq9", {0, 0, 0, 0, 0, 0, 0, 0, 1, 0});
  ASSERT_TRUE(out.has_value());
  const auto flag = out->stored.flags.at(0).id;
  ASSERT_TRUE(flags->acknowledge(flag, {"doc", "called"}, staff).has_value());
  auto s = screenings->screen(patient, {}, staff).value();
  ASSERT_TRUE(screenings->decide(s.id, {measures::Decision::not_eligible, "doc", "incomplete"}, staff).has_value());
  for (const char* sql : {"UPDATE submissions SET total = 0", "DELETE FROM submissions",
                          "UPDATE submission_answers SET value = 0", "DELETE FROM submission_answers",
                          "UPDATE safety_flags SET action_taken = 'nothing'", "DELETE FROM safety_flags",
                          "UPDATE screenings SET proposal = 'eligible'", "DELETE FROM screenings",
                          "UPDATE screening_decisions SET decision = 'eligible'", "DELETE FROM screening_decisions"}) {
    SCOPED_TRACE(sql);
    EXPECT_EQ(exec(path, sql), SQLITE_CONSTRAINT_TRIGGER);
  }
  EXPECT_EQ(count(path, "SELECT total FROM submissions"), 1);
  EXPECT_EQ(count(path, "SELECT count(*) FROM submission_answers WHERE link_id = 'phq9_9' AND value = 1"), 1);
  EXPECT_EQ(count(path, "SELECT count(*) FROM safety_flags WHERE action_taken = 'called'"), 1);
}

// Every row of `table` as text, to show that a refused statement changed nothing.
std::string dump(const std::string& path, const std::string& table) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* stmt = nullptr;
  std::string out;
  if (sqlite3_prepare_v2(db, ("SELECT * FROM " + table + " ORDER BY 1, 2").c_str(), -1, &stmt, nullptr) != SQLITE_OK)
    ADD_FAILURE() << table << ": " << sqlite3_errmsg(db);
  while (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      const auto* text = sqlite3_column_text(stmt, i);
      out += fmt::format("{}|", text != nullptr ? reinterpret_cast<const char*>(text) : "NULL");
    }
    out += '\n';
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return out;
}

// A row of `table` copied to a temporary table, changed there, and written back by REPLACE.
std::string replaced(const std::string& table, const std::string& where, const std::string& change,
                     const char* verb = "INSERT OR REPLACE") {
  return fmt::format("CREATE TEMP TABLE t AS SELECT * FROM {0} WHERE {1}; UPDATE t SET {2}; {3} INTO {0} SELECT * FROM t",
                     table, where, change, verb);
}

TEST_F(IntakeTest, TheDatabaseRefusesReplaceOnEveryAppendOnlyTable) {
  auto booked = book("consultation", "2026-11-10T10:00:00-06:00");
  ASSERT_TRUE(booked.has_value() && booked->unavailable.empty());
  auto first = submit(assign("phq9"), "phq9", {0, 0, 0, 0, 0, 0, 0, 0, 1, 0});
  auto second = submit(assign("phq9"), "phq9", {0, 0, 0, 0, 0, 0, 0, 0, 2, 0});
  ASSERT_TRUE(first.has_value() && second.has_value());
  const auto acknowledged = first->stored.flags.at(0).id, open = second->stored.flags.at(0).id;
  ASSERT_TRUE(flags->acknowledge(acknowledged, {"doc", "called"}, staff).has_value());
  auto s = screenings->screen(patient, {}, staff).value();
  ASSERT_TRUE(screenings->decide(s.id, {measures::Decision::not_eligible, "doc", "incomplete"}, staff).has_value());
  const auto submission = fmt::format("id = {}", first->stored.submission.id);
  struct Case {
    std::string table, sql;
  };
  const std::vector<Case> cases = {
      {"submissions", replaced("submissions", submission, "total = 27")},
      {"submissions", replaced("submissions", submission, "total = 27", "REPLACE")},
      // A new id, but the (assignment, version) of the original: REPLACE would delete the original.
      {"submissions", replaced("submissions", submission, "id = id + 1000, total = 27")},
      {"submission_answers", replaced("submission_answers", fmt::format("submission_id = {}", first->stored.submission.id),
                                      "value = 3")},
      {"safety_flags", replaced("safety_flags", fmt::format("id = {}", acknowledged), "action_taken = 'nothing'")},
      {"safety_flags", replaced("safety_flags", fmt::format("id = {}", acknowledged),
                                "acknowledged_by = NULL, ack_actor_kind = NULL, ack_actor_id = NULL, "
                                "acknowledged_at = NULL, action_taken = NULL")},
      // An open flag moved onto the acknowledged one: UPDATE OR REPLACE would delete the acknowledged flag.
      {"safety_flags", fmt::format("UPDATE OR REPLACE safety_flags SET id = {} WHERE id = {}", acknowledged, open)},
      {"safety_flags", fmt::format("UPDATE safety_flags SET id = 999 WHERE id = {}", open)},
      {"screenings", replaced("screenings", fmt::format("id = {}", s.id), "proposal = 'eligible'")},
      {"screening_decisions", replaced("screening_decisions", fmt::format("screening_id = {}", s.id),
                                       "decision = 'eligible'")},
      {"appointment_events", replaced("appointment_events", "1 = 1", "reason = 'rewritten'")},
      {"appointment_events", "UPDATE appointment_events SET reason = 'rewritten'"},
      {"appointment_events", "DELETE FROM appointment_events"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.sql);
    const auto before = dump(path, c.table);
    ASSERT_FALSE(before.empty());
    EXPECT_EQ(exec(path, c.sql) & 0xff, SQLITE_CONSTRAINT);
    EXPECT_EQ(dump(path, c.table), before);
  }
  // What the code itself writes still goes in: a correction, another booking and its event.
  auto correction =
      questionnaires->correct(first->stored.submission.id, {linked("phq9", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), "typo"}, staff);
  EXPECT_TRUE(correction.has_value()) << (correction ? "" : correction.error().message);
  ASSERT_TRUE(book("follow_up", "2026-11-17T10:00:00-06:00").has_value());
  EXPECT_EQ(rows("appointment_events"), 2);
}

TEST_F(MeasuresTest, AnOpenFlagChangesOnlyByItsAcknowledgement) {
  auto out = submit(assign("phq9"), "phq9", {0, 0, 0, 0, 0, 0, 0, 0, 1, 0});
  ASSERT_TRUE(out.has_value());
  EXPECT_EQ(exec(path, "UPDATE safety_flags SET severity = 'review'"), SQLITE_CONSTRAINT_TRIGGER);
  EXPECT_EQ(exec(path, "UPDATE safety_flags SET acknowledged_at = 1"), SQLITE_CONSTRAINT_CHECK);
}

TEST_F(MeasuresTest, TheDatabaseKeepsOneOriginalPerAssignmentAndOneCorrectionPerVersion) {
  const clinic::Id a = assign("gad7");
  auto first = submit(a, "gad7", {1, 1, 1, 1, 0, 0, 0});
  ASSERT_TRUE(first.has_value());
  clinic::Submission copy = first->stored.submission;
  copy.id = 0;
  auto again = store->insert_submission({copy, {}});
  EXPECT_EQ(again.error().reason, "already_submitted");
  copy.version = 2;
  copy.supersedes = first->stored.submission.id;
  copy.correction_reason = "typo";
  ASSERT_TRUE(store->insert_submission({copy, {}}).has_value());
  EXPECT_EQ(store->insert_submission({copy, {}}).error().reason, "superseded");
  copy.version = 3;  // skips version 2's place in the chain
  EXPECT_EQ(store->insert_submission({copy, {}}).error().reason, "superseded");
  EXPECT_EQ(rows("submissions"), 2);
}

TEST_F(MeasuresTest, AStoredScoreReadsBackWhole) {
  auto out = submit(assign("pcl5"), "pcl5", {2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0});
  ASSERT_TRUE(out.has_value());
  const auto read = questionnaires->submission(out->stored.submission.id).value();
  const auto& s = read.score;
  EXPECT_EQ(s.total, 12);  // clinical.md §9.3 L3
  ASSERT_EQ(s.subscales.size(), 4u);
  EXPECT_EQ(s.subscales[2].score, 4);
  ASSERT_EQ(s.criteria.size(), out->stored.submission.score.criteria.size());
  for (std::size_t i = 0; i < s.criteria.size(); ++i) {
    EXPECT_EQ(s.criteria[i].id, out->stored.submission.score.criteria[i].id);
    EXPECT_EQ(s.criteria[i].met, out->stored.submission.score.criteria[i].met);
  }
  EXPECT_EQ(s.criteria.front().met, false);  // cut-point 33
  EXPECT_EQ(s.criteria.back().met, true);    // the DSM-5 rule holds all the same
  EXPECT_EQ(read.answers.size(), 20u);
  EXPECT_EQ(read.answers[5].link_id, "pcl5_6");
  auto rated = enter(assign("cssrs_screener"), "cssrs_screener", {1, 1, 0, 0, 1, 0, std::nullopt});
  ASSERT_TRUE(rated.has_value());
  const auto risk = questionnaires->submission(rated->stored.submission.id)->score.risk;
  ASSERT_TRUE(risk.has_value());
  EXPECT_EQ(risk->id, "high");
  EXPECT_EQ(questionnaires->submission(rated->stored.submission.id)->score.flags.at(0).kind, "cssrs_high");
}

}  // namespace
}  // namespace kc::store::sqlite
