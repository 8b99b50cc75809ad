// Eligibility screening use cases on a real store: the proposal reads the
// latest medical-screening answers and recorded facts (age from the date of
// birth), and the prescriber's decision is kept with the proposal, its
// reasons and the rule-set version.
#include "measures_fixture.h"

namespace kc::clinic {
namespace {

using store::sqlite::testing::MeasuresTest;

class ScreeningTest : public MeasuresTest {
 protected:
  // The medical screening answered "no" throughout, except `yes`.
  Id screened_no_except(const char* yes = nullptr) {
    const auto& ins = *questionnaires->instrument("medical_screening").value();
    std::vector<std::optional<int>> values;
    for (const auto& item : ins.items) values.push_back(yes != nullptr && item.link_id == yes ? 1 : 0);
    auto out = submit(assign("medical_screening"), "medical_screening", values);
    EXPECT_TRUE(out.has_value());
    return out ? out->stored.submission.id : 0;
  }

  static ScreeningRequest recorded() {
    return {measures::Treatment::iv_ketamine, false, 120, 80, std::vector<measures::Medication>{}};
  }

  static std::vector<std::string> rule_ids(const Screening& s) {
    std::vector<std::string> ids;
    for (const auto& r : s.proposal.reasons) ids.push_back(r.rule_id);
    return ids;
  }
};

TEST_F(ScreeningTest, WithoutAnsweredScreeningTheProposalIsAtBestNeedsReview) {
  auto s = screenings->screen(patient, recorded(), staff);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->proposal.outcome, measures::Proposal::needs_review);
  EXPECT_FALSE(s->screening_submission.has_value());
  EXPECT_EQ(s->facts.age_years, 46);  // born 1980-01-02, screened 2026-11-02
  ASSERT_FALSE(s->proposal.reasons.empty());
  EXPECT_EQ(s->proposal.reasons.back().kind, measures::ReasonKind::missing_information);
  EXPECT_EQ(screenings->screen(4242, recorded(), staff).error().code, ErrorCode::not_found);
}

TEST_F(ScreeningTest, ProposalThenDecisionAreKeptTogetherWithReasonsAndRuleSetVersion) {
  screened_no_except();
  const Id latest = screened_no_except("ms_psychosis");  // the later answers count
  auto s = screenings->screen(patient, recorded(), staff);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->screening_submission, latest);
  EXPECT_EQ(s->proposal.outcome, measures::Proposal::not_eligible);
  EXPECT_EQ(rule_ids(*s), std::vector<std::string>{"psychosis_iv"});
  EXPECT_EQ(s->proposal.rule_set_version, screenings->rules().version);
  EXPECT_EQ(screenings->decide(s->id, {measures::Decision::not_eligible, "nurse", "psychosis"}, staff).error().reason,
            "staff_role");
  EXPECT_EQ(screenings->decide(s->id, {measures::Decision::not_eligible, "", "psychosis"}, staff).error().reason,
            "no_staff_record");
  EXPECT_EQ(screenings->decide(s->id, {measures::Decision::not_eligible, "doc", ""}, staff).error().field, "note");
  clock.set(clinic::testing::at("2026-11-04T16:00:00Z"));
  auto decided = screenings->decide(s->id, {measures::Decision::not_eligible, "doc", "History of psychosis; refer"},
                                    {"staff", "doc"});
  ASSERT_TRUE(decided.has_value()) << decided.error().message;
  ASSERT_TRUE(decided->decision.has_value());
  EXPECT_EQ(decided->decision->prescriber, "doc");
  EXPECT_FALSE(decided->decision->overrides_proposal);
  EXPECT_EQ(decided->decision->decided_at, clinic::testing::at("2026-11-04T16:00:00Z"));
  auto again = screenings->decide(s->id, {measures::Decision::eligible, "doc", "changed my mind"}, staff);
  EXPECT_EQ(again.error().reason, "already_decided");
  auto kept = screenings->of_patient(patient).value();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(kept[0].decision->note, "History of psychosis; refer");
  EXPECT_EQ(rule_ids(kept[0]), std::vector<std::string>{"psychosis_iv"});
  EXPECT_EQ(kept[0].proposal.rule_set_version, screenings->rules().version);
  EXPECT_EQ(kept[0].facts.systolic_mmhg, 120);
  EXPECT_EQ(kept[0].facts.screening.size(), 16u);
}

// Test vector E14: an open C-SSRS high-risk flag gates the proposal (not eligible) until a clinician
// acknowledges it with the evaluation done; the open flags are kept with the screening's facts.
TEST_F(ScreeningTest, AnOpenHighRiskFlagMakesThePatientNotEligibleUntilAcknowledged) {
  screened_no_except();
  ASSERT_TRUE(enter(assign("cssrs_screener"), "cssrs_screener", {1, 1, 1, 1, 0, 0, std::nullopt}).has_value());  // clinician-administered
  auto gated = screenings->screen(patient, recorded(), staff);
  ASSERT_TRUE(gated.has_value()) << gated.error().message;
  EXPECT_EQ(gated->proposal.outcome, measures::Proposal::not_eligible);
  EXPECT_EQ(rule_ids(*gated), std::vector<std::string>{"cssrs_high_risk_open"});
  EXPECT_EQ(screenings->of_patient(patient).value().back().facts.open_safety_flags,
            std::vector<std::string>{"cssrs_high"});
  auto open = flags->of_patient(patient, true).value();
  ASSERT_EQ(open.size(), 1u);
  ASSERT_TRUE(flags->acknowledge(open[0].id, {"doc", "Psychiatric evaluation today: safety plan, cleared"}, staff));
  auto after = screenings->screen(patient, recorded(), staff);
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->proposal.outcome, measures::Proposal::eligible);
  EXPECT_TRUE(after->facts.open_safety_flags.empty());
}

TEST_F(ScreeningTest, ADecisionAgainstADefiniteProposalIsMarkedAsAnOverride) {
  screened_no_except();
  auto s = screenings->screen(patient, recorded(), staff);
  ASSERT_EQ(s->proposal.outcome, measures::Proposal::eligible);
  auto decided = screenings->decide(s->id, {measures::Decision::not_eligible, "doc", "Wants to wait"}, staff);
  ASSERT_TRUE(decided.has_value());
  EXPECT_TRUE(decided->decision->overrides_proposal);
}

TEST_F(ScreeningTest, AgeComesFromTheDateOfBirth) {
  Patient minor;
  minor.given_name = "Young";
  minor.family_name = "Demo";
  minor.date_of_birth = date::year{2008} / 11 / 3;  // 17 on 2026-11-02, 18 the day after
  patient = store->create_patient(minor).value().id;
  screened_no_except();
  auto s = screenings->screen(patient, recorded(), staff);
  EXPECT_EQ(s->facts.age_years, 17);
  EXPECT_EQ(rule_ids(*s), std::vector<std::string>{"minimum_age"});
  clock.set(clinic::testing::at("2026-11-03T15:00:00Z"));
  EXPECT_EQ(screenings->screen(patient, recorded(), staff)->proposal.outcome, measures::Proposal::eligible);
  EXPECT_EQ(age_years(date::year{2000} / 2 / 29, date::year{2026} / 2 / 28), 25);
  EXPECT_EQ(age_years(date::year{2000} / 2 / 29, date::year{2026} / 3 / 1), 26);
}

}  // namespace
}  // namespace kc::clinic
