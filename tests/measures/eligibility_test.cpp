// Eligibility proposals for each condition of clinical.md §2.1 (§9.9 E1-E11),
// missing information, configuration, and the prescriber's decision record.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <algorithm>

#include "clinic/measures/eligibility.h"
#include "shipped.h"

namespace kc::measures {
namespace {

using testing::instrument;
using testing::rules;
constexpr Treatment kIv = Treatment::iv_ketamine;
constexpr Treatment kEsk = Treatment::esketamine;

// An adult with every screening answer "no", not pregnant, 120/80 mmHg, no medications.
Facts clean(Treatment t) {
  Facts f;
  f.treatment = t;
  f.age_years = 40;
  f.pregnant = false;
  f.systolic_mmhg = 120;
  f.diastolic_mmhg = 80;
  f.medications = std::vector<Medication>{};
  f.screening = Answers(instrument("medical_screening").items.size(), 0);
  return f;
}

Facts yes_to(Facts f, std::string_view link_id) {
  f.screening.at(*instrument("medical_screening").index_of(link_id)) = 1;
  return f;
}

EligibilityProposal propose_for(const Facts& f, const RuleSet& set = rules()) {
  auto p = propose(set, instrument("medical_screening"), f);
  EXPECT_TRUE(p) << p.error().message;
  return p ? *p : EligibilityProposal{};
}

std::vector<std::string> rule_ids(const EligibilityProposal& p) {
  std::vector<std::string> ids;
  for (const auto& r : p.reasons) ids.push_back(r.rule_id);
  return ids;
}

TEST(Eligibility, CleanFactsAreEligibleForBothTreatments) {
  for (Treatment t : {kIv, kEsk}) {
    const auto p = propose_for(clean(t));
    EXPECT_EQ(p.outcome, Proposal::eligible) << to_string(t);
    EXPECT_TRUE(p.reasons.empty());
    EXPECT_EQ(p.rule_set_version, rules().version);
  }
}

// Test vectors E13 and E14: an open urgent PHQ-9 item-9 or C-SSRS high flag is a gate; a low-risk flag is not.
TEST(Eligibility, OpenUrgentFlagsGateBothTreatments) {
  const std::pair<const char*, const char*> cases[] = {{"cssrs_high", "cssrs_high_risk_open"},
                                                      {"phq9_item9", "phq9_item9_open"}};
  for (Treatment t : {kIv, kEsk}) {
    for (const auto& [kind, rule] : cases) {
      Facts f = clean(t);
      f.open_safety_flags = {kind};
      const auto p = propose_for(f);
      EXPECT_EQ(p.outcome, Proposal::not_eligible) << kind;
      EXPECT_EQ(rule_ids(p), std::vector<std::string>{rule}) << kind;
    }
    Facts low = clean(t);
    low.open_safety_flags = {"cssrs_low"};
    EXPECT_EQ(propose_for(low).outcome, Proposal::eligible);
  }
}

struct AnswerCase {
  const char* answer;
  Treatment treatment;
  Proposal outcome;
  const char* rule;
};

// One screening answer "yes" at a time: the outcome and the rule that fired.
TEST(Eligibility, EachScreeningCondition) {
  const AnswerCase cases[] = {
      {"ms_aneurysm_avm", kEsk, Proposal::not_eligible, "aneurysmal_vascular_disease_esketamine"},  // E1
      {"ms_aneurysm_avm", kIv, Proposal::not_eligible, "aneurysmal_vascular_disease_iv"},  // issue 11 default
      {"ms_intracerebral_haemorrhage", kEsk, Proposal::not_eligible, "intracerebral_haemorrhage_esketamine"},  // E2
      {"ms_intracerebral_haemorrhage", kIv, Proposal::not_eligible, "intracerebral_haemorrhage_iv"},
      {"ms_hypersensitivity", kIv, Proposal::not_eligible, "hypersensitivity"},  // E3
      {"ms_hypersensitivity", kEsk, Proposal::not_eligible, "hypersensitivity"},
      {"ms_pregnant", kIv, Proposal::not_eligible, "pregnancy"},  // E5
      {"ms_breastfeeding", kEsk, Proposal::not_eligible, "breastfeeding_esketamine"},  // E6
      {"ms_breastfeeding", kIv, Proposal::needs_review, "breastfeeding_iv"},
      {"ms_psychosis", kIv, Proposal::not_eligible, "psychosis_iv"},  // E7
      {"ms_psychosis", kEsk, Proposal::needs_review, "psychosis_esketamine"},
      {"ms_substance_use", kIv, Proposal::needs_review, "substance_use_disorder"},  // E8
      {"ms_substance_use", kEsk, Proposal::needs_review, "substance_use_disorder"},
      {"ms_mania", kIv, Proposal::needs_review, "current_mania"},
      {"ms_uncontrolled_hypertension", kIv, Proposal::needs_review, "uncontrolled_hypertension"},
      {"ms_arrhythmia", kEsk, Proposal::needs_review, "significant_arrhythmia"},
      {"ms_cerebrovascular", kIv, Proposal::needs_review, "unstable_cerebrovascular_disease"},
      {"ms_ischaemic_heart_disease", kEsk, Proposal::needs_review, "ischaemic_heart_disease"},
      {"ms_heart_failure", kIv, Proposal::needs_review, "heart_failure"},
      {"ms_neurocognitive", kIv, Proposal::needs_review, "neurocognitive_disorder"},
      {"ms_brain_injury", kEsk, Proposal::needs_review, "symptomatic_tbi"},
      {"ms_glaucoma_pressure", kIv, Proposal::needs_review, "glaucoma_raised_pressure_iv"},
      {"ms_glaucoma_pressure", kEsk, Proposal::needs_review, "glaucoma_raised_pressure_esketamine"},
  };
  for (const AnswerCase& c : cases) {
    SCOPED_TRACE(std::string(c.answer) + " " + std::string(to_string(c.treatment)));
    const auto p = propose_for(yes_to(clean(c.treatment), c.answer));
    EXPECT_EQ(p.outcome, c.outcome);
    EXPECT_EQ(rule_ids(p), std::vector<std::string>{c.rule});
    EXPECT_EQ(p.reasons.at(0).kind, c.outcome == Proposal::not_eligible ? ReasonKind::absolute : ReasonKind::relative);
    EXPECT_FALSE(p.reasons.at(0).source.empty());
  }
}

TEST(Eligibility, E4MinimumAge) {
  Facts f = clean(kIv);
  f.age_years = 17;
  EXPECT_EQ(propose_for(f).outcome, Proposal::not_eligible);
  EXPECT_EQ(rule_ids(propose_for(f)), std::vector<std::string>{"minimum_age"});
  f.age_years = 18;
  EXPECT_EQ(propose_for(f).outcome, Proposal::eligible);
}

TEST(Eligibility, E5RecordedPregnancy) {
  Facts f = clean(kEsk);
  f.pregnant = true;
  EXPECT_EQ(rule_ids(propose_for(f)), std::vector<std::string>{"pregnancy"});
  EXPECT_EQ(propose_for(f).outcome, Proposal::not_eligible);
}

struct BpCase {
  Treatment treatment;
  int systolic, diastolic;
  bool review;
};

// E10: esketamine > 140/90 [U]; E11: IV >= 160/100, proposed default [U].
TEST(Eligibility, E10E11BloodPressure) {
  const BpCase cases[] = {{kEsk, 150, 95, true},  {kEsk, 140, 90, false}, {kEsk, 141, 80, true},
                          {kEsk, 120, 91, true},  {kIv, 185, 105, true},  {kIv, 150, 95, false},
                          {kIv, 160, 80, true},   {kIv, 159, 99, false},  {kIv, 120, 100, true}};
  for (const BpCase& c : cases) {
    Facts f = clean(c.treatment);
    f.systolic_mmhg = c.systolic;
    f.diastolic_mmhg = c.diastolic;
    const auto p = propose_for(f);
    SCOPED_TRACE(fmt::format("{} {}/{}", to_string(c.treatment), c.systolic, c.diastolic));
    EXPECT_EQ(p.outcome, c.review ? Proposal::needs_review : Proposal::eligible);
    if (c.review) {
      const char* rule = c.treatment == kIv ? "blood_pressure_iv" : "blood_pressure_esketamine";
      EXPECT_EQ(rule_ids(p), std::vector<std::string>{rule});
    }
  }
}

Medication med(std::string name, MedicationClass c, std::optional<double> lorazepam_eq = std::nullopt) {
  return Medication{std::move(name), {c}, lorazepam_eq};
}

TEST(Eligibility, E9BenzodiazepineLoad) {
  Facts f = clean(kIv);
  f.medications = std::vector{med("lorazepam", MedicationClass::benzodiazepine, 4)};
  EXPECT_EQ(rule_ids(propose_for(f)), (std::vector<std::string>{"benzodiazepine_load", "cns_depressants"}));
  f.medications = std::vector{med("clonazepam", MedicationClass::benzodiazepine, 2),
                              med("lorazepam", MedicationClass::benzodiazepine, 1.5)};
  EXPECT_EQ(rule_ids(propose_for(f)), (std::vector<std::string>{"benzodiazepine_load", "cns_depressants"}));
  f.medications = std::vector{med("lorazepam", MedicationClass::benzodiazepine, 3)};  // > 3, not >= 3
  EXPECT_EQ(rule_ids(propose_for(f)), std::vector<std::string>{"cns_depressants"});
}

TEST(Eligibility, ConcomitantMedicationClasses) {
  const std::pair<MedicationClass, const char*> cases[] = {
      {MedicationClass::sedative_hypnotic, "cns_depressants"},
      {MedicationClass::opioid, "cns_depressants"},
      {MedicationClass::psychostimulant, "psychostimulants_maois"},
      {MedicationClass::maoi, "psychostimulants_maois"}};
  for (const auto& [cls, rule] : cases) {
    Facts f = clean(kEsk);
    f.medications = std::vector{med("x", cls)};
    const auto p = propose_for(f);
    EXPECT_EQ(p.outcome, Proposal::needs_review) << rule;
    EXPECT_EQ(rule_ids(p), std::vector<std::string>{rule});
  }
}

// Nothing unrecorded is read as "no".
TEST(Eligibility, MissingInformationNeedsReview) {
  Facts f = clean(kIv);
  f.systolic_mmhg.reset();
  auto p = propose_for(f);
  EXPECT_EQ(p.outcome, Proposal::needs_review);
  ASSERT_EQ(p.reasons.size(), 1u);
  EXPECT_EQ(p.reasons[0].kind, ReasonKind::missing_information);
  EXPECT_EQ(p.reasons[0].unknown, std::vector<std::string>{"systolic_mmhg"});

  f = clean(kIv);
  f.screening.clear();  // no screening recorded
  p = propose_for(f);
  EXPECT_EQ(p.outcome, Proposal::needs_review);
  EXPECT_TRUE(std::all_of(p.reasons.begin(), p.reasons.end(),
                          [](const Reason& r) { return r.kind == ReasonKind::missing_information; }));
  EXPECT_GE(p.reasons.size(), 10u);

  f = clean(kIv);
  f.medications.reset();
  EXPECT_EQ(rule_ids(propose_for(f)),
            (std::vector<std::string>{"benzodiazepine_load", "cns_depressants", "psychostimulants_maois"}));

  f = clean(kIv);
  f.medications = std::vector{med("diazepam", MedicationClass::benzodiazepine)};  // no conversion recorded
  p = propose_for(f);
  EXPECT_EQ(rule_ids(p), (std::vector<std::string>{"cns_depressants", "benzodiazepine_load"}));
  EXPECT_EQ(p.reasons[1].unknown, std::vector<std::string>{"medications[0].lorazepam_eq_mg_per_day"});
}

TEST(Eligibility, PregnancyUsesThreeValuedLogic) {
  Facts f = clean(kIv);
  f.pregnant.reset();  // answered "no", test not recorded -> unknown
  auto p = propose_for(f);
  EXPECT_EQ(p.outcome, Proposal::needs_review);
  EXPECT_EQ(p.reasons.at(0).kind, ReasonKind::missing_information);
  EXPECT_EQ(p.reasons.at(0).unknown, std::vector<std::string>{"pregnant"});
  p = propose_for(yes_to(f, "ms_pregnant"));  // a "yes" decides whatever is unknown
  EXPECT_EQ(p.outcome, Proposal::not_eligible);
  EXPECT_EQ(p.reasons.at(0).kind, ReasonKind::absolute);
}

TEST(Eligibility, AbsoluteReasonsComeFirstAndDecide) {
  Facts f = yes_to(yes_to(clean(kEsk), "ms_substance_use"), "ms_aneurysm_avm");
  f.age_years.reset();
  const auto p = propose_for(f);
  EXPECT_EQ(p.outcome, Proposal::not_eligible);
  ASSERT_EQ(p.reasons.size(), 3u);
  EXPECT_EQ(p.reasons[0].kind, ReasonKind::absolute);
  EXPECT_EQ(p.reasons[1].kind, ReasonKind::relative);
  EXPECT_EQ(p.reasons[2].kind, ReasonKind::missing_information);
}

TEST(Eligibility, SettingsAndOutcomesAreConfiguration) {
  RuleSet set = rules();
  set.settings.at("iv_review_systolic_mmhg").value = 150;
  Facts f = clean(kIv);
  f.systolic_mmhg = 150;
  EXPECT_EQ(propose_for(f, set).outcome, Proposal::needs_review);
  for (auto& r : set.rules)
    if (r.id == "psychosis_iv") r.outcome = RuleOutcome::needs_review;
  EXPECT_EQ(propose_for(yes_to(clean(kIv), "ms_psychosis"), set).outcome, Proposal::needs_review);
}

TEST(Eligibility, BadFactsNameTheField) {
  Facts f = clean(kIv);
  f.screening.at(3) = 2;
  auto e = propose(rules(), instrument("medical_screening"), f);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "screening.answers.ms_psychosis");
  f = clean(kIv);
  f.age_years = -1;
  EXPECT_EQ(propose(rules(), instrument("medical_screening"), f).error().field, "age_years");
  f = clean(kIv);
  f.medications = std::vector{med("", MedicationClass::opioid)};
  EXPECT_EQ(propose(rules(), instrument("medical_screening"), f).error().field, "medications[0].name");
}

TEST(EligibilityDecision, OnlyAPrescriberDecidesWithANote) {
  const auto proposal = propose_for(yes_to(clean(kIv), "ms_psychosis"));
  const auto at = std::chrono::sys_seconds{std::chrono::seconds{1'800'000'000}};
  EXPECT_EQ(record_decision(proposal, Decision::eligible, "", "note", at).error().field, "prescriber_id");
  EXPECT_EQ(record_decision(proposal, Decision::eligible, "dr-7", "  ", at).error().field, "note");
  auto d = record_decision(proposal, Decision::eligible, "dr-7", "Single episode 20 years ago; psychiatry agrees.", at);
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->overrides_proposal);
  EXPECT_EQ(d->proposal.rule_set_version, rules().version);
  EXPECT_EQ(rule_ids(d->proposal), std::vector<std::string>{"psychosis_iv"});
  EXPECT_EQ(d->decided_at, at);
  auto agree = record_decision(proposal, Decision::not_eligible, "dr-7", "Agree with the exclusion.", at);
  ASSERT_TRUE(agree);
  EXPECT_FALSE(agree->overrides_proposal);
}

}  // namespace
}  // namespace kc::measures
