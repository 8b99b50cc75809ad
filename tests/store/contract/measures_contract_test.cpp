// The contract of MeasuresStore (clinic/measures_ports.h) on every backend of
// backends.h that implements it: records read back whole, not-found errors,
// the listing orders, and the rules the store itself enforces (one original
// per assignment, one correction per version, one acknowledgement, one decision).
#include "backends.h"

namespace kc::contract {
namespace {

using clinic::Id;
using clinic::testing::at;

template <class Backend>
class MeasuresContract : public ::testing::Test {
 protected:
  void SetUp() override {
    clinic::Patient p;
    p.given_name = "Alex";
    p.family_name = "Demo";
    p.date_of_birth = date::year{1980} / 1 / 2;
    auto created = backend.clinic().create_patient(p);
    ASSERT_TRUE(created.has_value()) << created.error().message;
    patient = created->id;
  }

  clinic::MeasuresStore& store() { return backend.measures(); }

  Id assign(const char* instrument, const char* when = "2026-11-02T15:00:00Z") {
    clinic::Assignment a;
    a.patient_id = patient;
    a.instrument = instrument;
    a.due = at("2026-11-09T15:00:00Z");
    a.created_by = {"staff", "2"};
    a.created_at = at(when);
    auto stored = store().insert_assignment(a);
    EXPECT_TRUE(stored.has_value()) << stored.error().message;
    return stored ? stored->id : 0;
  }

  // The original (version 1) of `assignment`, answered at `when`.
  clinic::Submission original(Id assignment, const char* when, int first_answer = 0) const {
    clinic::Submission s;
    s.assignment_id = assignment;
    s.patient_id = patient;
    s.instrument = "phq9";
    s.instrument_version = "1";
    s.answers = {{"phq9_1", first_answer}, {"phq9_2", 1}};
    s.actor = {"patient", "1"};
    s.submitted_at = s.answered_at = at(when);
    s.score.total = first_answer + 1;
    return s;
  }

  static clinic::Submission correction_of(const clinic::Submission& s, int first_answer) {
    clinic::Submission c = s;
    c.id = 0;
    c.version = s.version + 1;
    c.supersedes = s.id;
    c.answers[0].value = first_answer;
    c.correction_reason = "typo";
    c.submitted_at = s.submitted_at + std::chrono::hours(1);
    return c;
  }

  static measures::SafetyFlag urgent() { return {"phq9_item9", measures::Severity::urgent, "item 9", "clinical.md", "phq9_9"}; }

  Backend backend;
  Id patient = 0;
};

TYPED_TEST_SUITE(MeasuresContract, MeasuresBackends, BackendName);

TYPED_TEST(MeasuresContract, AssignmentsReadBackOldestFirstWithTheirCurrentSubmission) {
  const Id first = this->assign("phq9"), second = this->assign("gad7", "2026-11-03T15:00:00Z");
  const auto read = this->store().assignment(first).value();
  EXPECT_EQ(read.instrument, "phq9");
  EXPECT_EQ(read.due, at("2026-11-09T15:00:00Z"));
  EXPECT_EQ(read.created_by.id, "2");
  EXPECT_FALSE(read.current_submission.has_value());
  const auto all = this->store().assignments_of(this->patient).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].id, first);
  EXPECT_EQ(all[1].id, second);
  const auto s = this->store().insert_submission({this->original(first, "2026-11-04T15:00:00Z"), {}}).value();
  EXPECT_EQ(this->store().assignment(first)->current_submission, s.submission.id);
  EXPECT_EQ(this->store().assignment(12345).error().code, ErrorCode::not_found);
}

TYPED_TEST(MeasuresContract, ASubmissionReadsBackWholeAndIsNeverSubmittedTwice) {
  const Id a = this->assign("phq9");
  const auto stored = this->store().insert_submission({this->original(a, "2026-11-04T15:00:00Z", 2), {}});
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  const auto read = this->store().submission(stored->submission.id).value();
  EXPECT_EQ(read.version, 1);
  EXPECT_EQ(read.answers.size(), 2u);
  EXPECT_EQ(read.answers[0].link_id, "phq9_1");
  EXPECT_EQ(read.answers[0].value, 2);
  EXPECT_EQ(read.score.total, 3);
  EXPECT_EQ(read.answered_at, at("2026-11-04T15:00:00Z"));
  const auto again = this->store().insert_submission({this->original(a, "2026-11-04T16:00:00Z"), {}});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::conflict);
  EXPECT_EQ(again.error().reason, "already_submitted");
  EXPECT_EQ(this->store().submission(12345).error().code, ErrorCode::not_found);
}

TYPED_TEST(MeasuresContract, OneCorrectionPerVersionAndTheLatestIsCurrent) {
  const Id early = this->assign("phq9"), late = this->assign("phq9");
  const auto v1 = this->store().insert_submission({this->original(late, "2026-11-06T15:00:00Z", 1), {}}).value().submission;
  const auto other = this->store().insert_submission({this->original(early, "2026-11-05T15:00:00Z"), {}}).value().submission;
  const auto v2 = this->store().insert_submission({this->correction_of(v1, 3), {}});
  ASSERT_TRUE(v2.has_value()) << v2.error().message;
  EXPECT_EQ(this->store().insert_submission({this->correction_of(v1, 2), {}}).error().reason, "superseded");
  auto skipping = this->correction_of(v2->submission, 0);
  skipping.version = 4;
  EXPECT_EQ(this->store().insert_submission({skipping, {}}).error().reason, "superseded");
  const auto versions = this->store().versions(late).value();
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].id, v1.id);
  EXPECT_EQ(versions[1].supersedes, v1.id);
  // The current version of each assignment, ordered by when it was answered.
  const auto current = this->store().current_submissions(this->patient, "phq9").value();
  ASSERT_EQ(current.size(), 2u);
  EXPECT_EQ(current[0].id, other.id);
  EXPECT_EQ(current[1].id, v2->submission.id);
  EXPECT_TRUE(this->store().current_submissions(this->patient, "gad7")->empty());
}

TYPED_TEST(MeasuresContract, FlagsAreRaisedWithTheirSubmissionListedOldestFirstAndAcknowledgedOnce) {
  const auto first = this->store().insert_submission({this->original(this->assign("phq9"), "2026-11-04T15:00:00Z"), {this->urgent()}});
  const auto second = this->store().insert_submission({this->original(this->assign("phq9"), "2026-11-05T15:00:00Z"), {this->urgent()}});
  ASSERT_TRUE(first.has_value() && second.has_value());
  ASSERT_EQ(first->flags.size(), 1u);
  const Id flag = first->flags[0].id;
  EXPECT_EQ(this->store().flag(flag)->submission_id, first->submission.id);
  EXPECT_EQ(this->store().flag(flag)->raised.kind, "phq9_item9");
  EXPECT_TRUE(this->store().flag(flag)->open());
  clinic::FlagQuery open_ones{std::vector<Id>{this->patient}, true};
  auto listed = this->store().flags(open_ones).value();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, flag);
  const clinic::Acknowledgement ack{"doc", {"staff", "1"}, at("2026-11-04T16:00:00Z"), "called the patient"};
  const auto acknowledged = this->store().acknowledge(flag, ack);
  ASSERT_TRUE(acknowledged.has_value()) << acknowledged.error().message;
  EXPECT_EQ(acknowledged->acknowledgement->action_taken, "called the patient");
  const auto twice = this->store().acknowledge(flag, ack);
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().reason, "already_acknowledged");
  EXPECT_EQ(this->store().flags(open_ones)->size(), 1u);
  EXPECT_EQ(this->store().flags({std::vector<Id>{this->patient}, false})->size(), 2u);
  EXPECT_TRUE(this->store().flags({std::vector<Id>{12345}, false})->empty());
  EXPECT_EQ(this->store().flag(12345).error().code, ErrorCode::not_found);
}

TYPED_TEST(MeasuresContract, ScreeningsAreListedNewestFirstAndDecidedOnce) {
  clinic::Screening s;
  s.patient_id = this->patient;
  s.facts.age_years = 40;
  s.proposal.outcome = measures::Proposal::needs_review;
  s.proposal.rule_set_version = "test-1";
  s.created_by = {"staff", "1"};
  s.created_at = at("2026-11-04T15:00:00Z");
  const auto first = this->store().insert_screening(s).value();
  s.created_at = at("2026-11-05T15:00:00Z");
  const auto second = this->store().insert_screening(s).value();
  EXPECT_EQ(this->store().screening(first.id)->facts.age_years, 40);
  EXPECT_EQ(this->store().screening(first.id)->proposal.rule_set_version, "test-1");
  const auto listed = this->store().screenings_of(this->patient).value();
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].id, second.id);
  const clinic::ScreeningDecision d{measures::Decision::eligible, "doc", "fine", false, {"staff", "1"},
                                    at("2026-11-05T16:00:00Z")};
  const auto decided = this->store().decide(first.id, d);
  ASSERT_TRUE(decided.has_value()) << decided.error().message;
  EXPECT_EQ(decided->decision->decision, measures::Decision::eligible);
  EXPECT_EQ(this->store().screening(first.id)->decision->note, "fine");
  const auto twice = this->store().decide(first.id, d);
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().reason, "already_decided");
  EXPECT_EQ(this->store().screening(12345).error().code, ErrorCode::not_found);
}

}  // namespace
}  // namespace kc::contract
