// Questionnaire use cases on a real store: every safety-flag path opens a flag
// (and shows crisis resources), acknowledgement, who may submit, bad answers
// saving nothing, corrections as versions, and trends with response/remission.
#include "measures_fixture.h"

namespace kc::clinic {
namespace {

using store::sqlite::testing::MeasuresTest;
using Values = std::vector<std::optional<int>>;

constexpr std::optional<int> kBlank = std::nullopt;

struct FlagPath {
  const char* name;
  const char* instrument;
  Values answers;
  const char* kind;  // nullptr: no flag
};

// clinical.md §9.1 (PHQ-9, item 10 last) and §9.6 (C-SSRS Q1-Q5, Q6, Q6 within 3 months).
std::vector<FlagPath> flag_paths() {
  return {
      {"P10 item 9 alone", "phq9", {0, 0, 0, 0, 0, 0, 0, 0, 1, 0}, "phq9_item9"},
      {"P9 maximum", "phq9", {3, 3, 3, 3, 3, 3, 3, 3, 3, 3}, "phq9_item9"},
      {"P13 incomplete still flags", "phq9", {1, 1, 1, 1, 1, 1, 1, 1, 1, kBlank}, "phq9_item9"},
      {"P4 item 9 = 0", "phq9", {2, 2, 2, 2, 2, 0, 0, 0, 0, 2}, nullptr},
      {"C1 no risk", "cssrs_screener", {0, 0, kBlank, kBlank, kBlank, 0, kBlank}, nullptr},
      {"C2 wish to be dead: low", "cssrs_screener", {1, 0, kBlank, kBlank, kBlank, 0, kBlank}, "cssrs_low"},
      {"C4 method: moderate", "cssrs_screener", {1, 1, 1, 0, 0, 0, kBlank}, "cssrs_moderate"},
      {"C5 lifetime behaviour: moderate", "cssrs_screener", {0, 0, kBlank, kBlank, kBlank, 1, 0}, "cssrs_moderate"},
      {"C6 intent: high", "cssrs_screener", {1, 1, 1, 1, 0, 0, kBlank}, "cssrs_high"},
      {"C7 plan with intent: high", "cssrs_screener", {1, 1, 0, 0, 1, 0, kBlank}, "cssrs_high"},
      {"C8 behaviour within 3 months: high", "cssrs_screener", {0, 0, kBlank, kBlank, kBlank, 1, 1}, "cssrs_high"},
  };
}

std::vector<std::string> kinds(const std::vector<Flag>& flags) {
  std::vector<std::string> out;
  for (const auto& f : flags) out.push_back(f.raised.kind);
  return out;
}

TEST_F(MeasuresTest, EverySafetyFlagPathOpensAnUrgentFlagAndShowsCrisisResources) {
  for (const auto& c : flag_paths()) {
    SCOPED_TRACE(c.name);
    patient = new_patient("Case").id;
    const Id a = assign(c.instrument);
    const auto& ins = *questionnaires->instrument(c.instrument).value();
    std::vector<measures::LinkedAnswer> answers;
    for (std::size_t i = 0; i < c.answers.size(); ++i)
      if (c.answers[i]) answers.push_back({ins.items[i].link_id, *c.answers[i]});
    const bool clinician = ins.administration == measures::Administration::clinician;
    auto out = questionnaires->submit(a, answers, {clinician ? std::nullopt : std::optional<Id>(patient), false, staff});
    ASSERT_TRUE(out.has_value()) << out.error().message;
    const std::vector<std::string> expected = c.kind ? std::vector<std::string>{c.kind} : std::vector<std::string>{};
    EXPECT_EQ(kinds(out->stored.flags), expected);
    EXPECT_EQ(out->crisis != nullptr, c.kind != nullptr);
    if (out->crisis) {
      EXPECT_EQ(out->crisis->resources.front().id, "988");
    }
    auto open = flags->of_patient(patient, true);
    ASSERT_TRUE(open.has_value());
    EXPECT_EQ(kinds(*open), expected);
    for (const auto& f : *open) {
      EXPECT_EQ(f.raised.severity, measures::Severity::urgent);
      EXPECT_EQ(f.submission_id, out->stored.submission.id);
      EXPECT_EQ(f.raised_at, clock.now());
    }
    EXPECT_EQ(flags->flagged({patient}).value().contains(patient), c.kind != nullptr);
  }
}

TEST_F(MeasuresTest, AClinicianAcknowledgesAFlagOnceWithTheActionTaken) {
  const Id a = assign("phq9");
  auto out = submit(a, "phq9", {0, 0, 0, 0, 0, 0, 0, 0, 1, 0});
  ASSERT_TRUE(out.has_value());
  const Id flag = out->stored.flags.at(0).id;
  EXPECT_EQ(flags->acknowledge(flag, {"nurse", ""}, staff).error().field, "action_taken");
  EXPECT_EQ(flags->acknowledge(flag, {"somebody", "called"}, staff).error().reason, "no_staff_record");
  EXPECT_EQ(flags->acknowledge(flag, {"", "called"}, staff).error().reason, "no_staff_record");
  clock.set(clinic::testing::at("2026-11-02T15:20:00Z"));
  auto done = flags->acknowledge(flag, {"doc", "Called the patient; safety plan reviewed"}, {"staff", "doc"});
  ASSERT_TRUE(done.has_value()) << done.error().message;
  ASSERT_TRUE(done->acknowledgement.has_value());
  EXPECT_EQ(done->acknowledgement->staff, "doc");
  EXPECT_EQ(done->acknowledgement->at, clinic::testing::at("2026-11-02T15:20:00Z"));
  EXPECT_EQ(done->acknowledgement->action_taken, "Called the patient; safety plan reviewed");
  EXPECT_FALSE(done->open());
  auto again = flags->acknowledge(flag, {"nurse", "again"}, staff);
  EXPECT_EQ(again.error().reason, "already_acknowledged");
  EXPECT_TRUE(flags->of_patient(patient, true)->empty());
  EXPECT_EQ(flags->of_patient(patient, false)->size(), 1u);
  EXPECT_FALSE(flags->flagged({patient})->contains(patient));
  EXPECT_EQ(flags->acknowledge(999, {"doc", "x"}, staff).error().code, ErrorCode::not_found);
}

TEST_F(MeasuresTest, OnlyTheAssignmentsPatientOrStaffOnTheirBehalfMaySubmit) {
  const Id a = assign("phq9");
  const Id other = new_patient("Blake").id;
  const auto answers = linked("phq9", {0, 0, 0, 0, 0, 0, 0, 0, 1, 0});
  auto foreign = questionnaires->submit(a, answers, {other, false, {"patient", "2"}});
  ASSERT_FALSE(foreign.has_value());
  EXPECT_EQ(foreign.error().code, ErrorCode::forbidden);
  EXPECT_EQ(foreign.error().reason, "not_your_assignment");
  EXPECT_EQ(questionnaires->submit(a, answers, {patient, true, self}).error().field, "entered_on_paper");
  EXPECT_EQ(questionnaires->submit(a, answers, {std::nullopt, false, staff}).error().field, "entered_on_paper");
  const Id cssrs = assign("cssrs_screener");
  EXPECT_EQ(submit(cssrs, "cssrs_screener", {0, 0}).error().reason, "clinician_rated");
  EXPECT_EQ(rows("submissions"), 0);
  EXPECT_EQ(rows("safety_flags"), 0);
  auto paper = questionnaires->submit(a, answers, {std::nullopt, true, staff});
  ASSERT_TRUE(paper.has_value()) << paper.error().message;
  EXPECT_EQ(paper->stored.submission.entered_by, EnteredBy::staff);
  EXPECT_TRUE(paper->stored.submission.on_paper);
  EXPECT_EQ(paper->stored.submission.actor.id, "nurse");
}

TEST_F(MeasuresTest, BadAnswersNameTheItemAndSaveNothing) {
  const Id a = assign("phq9");
  struct Case {
    std::vector<measures::LinkedAnswer> answers;
    const char* field;
  };
  const Case cases[] = {
      {{{"phq9_9", 4}}, "answers.phq9_9"},
      {{{"phq9_1", -1}}, "answers.phq9_1"},
      {{{"phq9_99", 1}}, "answers.phq9_99"},
      {{{"phq9_1", 1}, {"phq9_1", 2}}, "answers.phq9_1"},
  };
  for (const auto& c : cases) {
    auto r = questionnaires->submit(a, c.answers, {patient, false, self});
    ASSERT_FALSE(r.has_value()) << c.field;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(r.error().field, c.field);
  }
  const Id cssrs = assign("cssrs_screener");
  auto skipped = enter(cssrs, "cssrs_screener", {0, 0, 1});  // §9.6 C9: Q3 only when Q2 = yes
  EXPECT_EQ(skipped.error().field, "answers.cssrs_3");
  EXPECT_EQ(rows("submissions"), 0);
  EXPECT_EQ(rows("submission_answers"), 0);
  EXPECT_EQ(rows("safety_flags"), 0);
}

TEST_F(MeasuresTest, ASecondSubmissionOfOneAssignmentIsAConflict) {
  const Id a = assign("gad7");
  ASSERT_TRUE(submit(a, "gad7", {1, 1, 1, 1, 0, 0, 0}).has_value());
  auto second = submit(a, "gad7", {3, 3, 3, 3, 3, 3, 3});
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::conflict);
  EXPECT_EQ(second.error().reason, "already_submitted");
  EXPECT_EQ(rows("submissions"), 1);
  EXPECT_EQ(questionnaires->assignment(a)->current_submission, questionnaires->versions(a)->front().id);
}

TEST_F(MeasuresTest, ACorrectionIsANewVersionThatKeepsTheOldOne) {
  const Id a = assign("phq9");
  auto first = submit(a, "phq9", {2, 2, 2, 2, 2, 0, 0, 0, 1, 2});
  ASSERT_TRUE(first.has_value());
  const Id v1 = first->stored.submission.id;
  clock.set(clinic::testing::at("2026-11-03T10:00:00Z"));
  EXPECT_EQ(questionnaires->correct(v1, {linked("phq9", {2, 2, 2, 2, 2, 0, 0, 0, 0, 2}), ""}, staff).error().field,
            "reason");
  auto second = questionnaires->correct(v1, {linked("phq9", {2, 2, 2, 2, 2, 0, 0, 0, 0, 2}), "item 9 mistyped"}, staff);
  ASSERT_TRUE(second.has_value()) << second.error().message;
  const Submission& v2 = second->stored.submission;
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v2.supersedes, v1);
  EXPECT_EQ(v2.answered_at, clinic::testing::at("2026-11-02T15:00:00Z"));
  EXPECT_EQ(v2.submitted_at, clinic::testing::at("2026-11-03T10:00:00Z"));
  EXPECT_EQ(v2.score.total, 10);
  EXPECT_TRUE(second->stored.flags.empty());
  EXPECT_EQ(questionnaires->submission(v1)->score.total, 11);  // the old version, as recorded
  EXPECT_EQ(flags->of_patient(patient, true)->size(), 1u);      // its flag stays until acknowledged
  EXPECT_EQ(questionnaires->versions(a)->size(), 2u);
  EXPECT_EQ(questionnaires->assignment(a)->current_submission, v2.id);
  auto stale = questionnaires->correct(v1, {linked("phq9", {0, 0, 0, 0, 0, 0, 0, 0, 0, 0}), "again"}, staff);
  EXPECT_EQ(stale.error().reason, "superseded");
  // Item 9 back at 1: the flag of that kind already reached a clinician, so no second one.
  auto third = questionnaires->correct(v2.id, {linked("phq9", {2, 2, 2, 2, 2, 0, 0, 0, 1, 2}), "it was 1"}, staff);
  ASSERT_TRUE(third.has_value());
  EXPECT_TRUE(third->stored.flags.empty());
  EXPECT_NE(third->crisis, nullptr);
  EXPECT_EQ(rows("safety_flags"), 1);
  EXPECT_EQ(rows("submissions"), 3);
}

TEST_F(MeasuresTest, ACorrectionRaisesAFlagOfANewKind) {
  const Id a = assign("cssrs_screener");
  auto first = enter(a, "cssrs_screener", {1, 0, kBlank, kBlank, kBlank, 0, kBlank});
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(kinds(first->stored.flags), std::vector<std::string>{"cssrs_low"});
  auto corrected = questionnaires->correct(
      first->stored.submission.id, {linked("cssrs_screener", {1, 1, 1, 1, 0, 0, kBlank}), "Q2 was yes"}, staff);
  ASSERT_TRUE(corrected.has_value()) << corrected.error().message;
  EXPECT_EQ(kinds(corrected->stored.flags), std::vector<std::string>{"cssrs_high"});
  EXPECT_EQ(kinds(flags->of_patient(patient, true).value()), (std::vector<std::string>{"cssrs_low", "cssrs_high"}));
}

// clinical.md §9.7 R1 and R3 over three PHQ-9 assignments; an incomplete one has no point.
TEST_F(MeasuresTest, TrendGivesChangeFromBaselineResponseAndRemission) {
  const char* days[] = {"2026-11-02T15:00:00Z", "2026-11-16T15:00:00Z", "2026-11-23T15:00:00Z", "2026-11-30T15:00:00Z"};
  const Values answers[] = {{3, 3, 3, 3, 3, 3, 2, 0, 0, 3},
                            {2, 2, 2, 2, 2, 0, 0, 0, 0, 2},
                            {1, 1, 1, 1, 1, 1, 1, kBlank, 0, 1},
                            {1, 1, 1, 1, 0, 0, 0, 0, 0, 1}};
  for (int i = 0; i < 4; ++i) {
    clock.set(clinic::testing::at(days[i]));
    ASSERT_TRUE(questionnaires->submit(assign("phq9"), linked("phq9", answers[i]), {patient, false, self}));
  }
  auto trend = questionnaires->trend(patient, "phq9");
  ASSERT_TRUE(trend.has_value()) << trend.error().message;
  ASSERT_EQ(trend->points.size(), 3u);
  EXPECT_EQ(trend->notes.size(), 1u);  // the incomplete third submission
  EXPECT_EQ(trend->in_metric_denominator, true);
  const auto& base = trend->points[0].outcome;
  EXPECT_EQ(base.total, 20);
  EXPECT_TRUE(base.is_baseline);
  EXPECT_EQ(trend->baseline_submission, trend->points[0].submission_id);
  EXPECT_EQ(trend->points[1].outcome.total, 10);
  EXPECT_EQ(trend->points[1].outcome.change, -10);
  EXPECT_EQ(trend->points[1].outcome.response, true);  // exactly 50 %
  EXPECT_EQ(trend->points[1].outcome.remission, false);
  EXPECT_EQ(trend->points[1].band->id, "moderate");
  EXPECT_EQ(trend->points[2].outcome.total, 4);
  EXPECT_EQ(trend->points[2].outcome.at, clinic::testing::at(days[3]));
  EXPECT_EQ(trend->points[2].outcome.remission, true);
  EXPECT_EQ(questionnaires->trend(patient, "cssrs_screener").error().field, "instrument");
  EXPECT_EQ(questionnaires->trend(patient, "nope").error().code, ErrorCode::not_found);
  EXPECT_TRUE(questionnaires->trend(new_patient("Blake").id, "phq9")->points.empty());
}

TEST_F(MeasuresTest, AStaffAssignmentNeedsAKnownPatientAndInstrument) {
  EXPECT_EQ(questionnaires->assign({patient, "qids", std::nullopt}, staff).error().field, "instrument");
  EXPECT_EQ(questionnaires->assign({4242, "phq9", std::nullopt}, staff).error().field, "patient_id");
  auto a = questionnaires->assign({patient, "madrs", clinic::testing::at("2026-11-05T15:00:00Z")}, staff);
  ASSERT_TRUE(a.has_value());
  EXPECT_EQ(a->reason, AssignmentReason::staff);
  EXPECT_EQ(a->created_by.id, "nurse");
  EXPECT_EQ(a->due, clinic::testing::at("2026-11-05T15:00:00Z"));
  EXPECT_FALSE(a->current_submission.has_value());
  EXPECT_EQ(questionnaires->assignments(patient)->size(), 1u);
}

}  // namespace
}  // namespace kc::clinic
