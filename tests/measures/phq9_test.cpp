// PHQ-9: clinical.md §9.1 vectors P1-P15, the item-9 safety flag on every
// path, the missing-item rules and bad input.
#include <gtest/gtest.h>

#include "clinic/measures/scoring.h"
#include "shipped.h"

namespace kc::measures {
namespace {

using testing::answers;
using testing::instrument;

struct PhqCase {
  const char* id;
  std::vector<int> items;  // 1..9
  std::optional<int> item10;
  int total;
  const char* band;
  bool item9_flag, mds, ods;
};

// clinical.md §9.1; bands per §5.1 (CamCOPS [S28]).
const PhqCase kCases[] = {
    {"P1", {0, 0, 0, 0, 0, 0, 0, 0, 0}, std::nullopt, 0, "none_minimal", false, false, false},
    {"P2", {1, 1, 1, 1, 0, 0, 0, 0, 0}, 1, 4, "none_minimal", false, false, false},
    {"P3", {1, 1, 1, 1, 1, 0, 0, 0, 0}, 1, 5, "mild", false, false, false},
    {"P4", {2, 2, 2, 2, 2, 0, 0, 0, 0}, 2, 10, "moderate", false, true, false},
    {"P5", {3, 3, 3, 2, 3, 0, 0, 0, 0}, 2, 14, "moderate", false, true, false},
    {"P6", {3, 3, 3, 3, 3, 0, 0, 0, 0}, 2, 15, "moderately_severe", false, true, false},
    {"P7", {3, 3, 3, 3, 3, 2, 2, 0, 0}, 3, 19, "moderately_severe", false, true, false},
    {"P8", {3, 3, 3, 3, 3, 3, 2, 0, 0}, 3, 20, "severe", false, true, false},
    {"P9", {3, 3, 3, 3, 3, 3, 3, 3, 3}, 3, 27, "severe", true, true, false},
    {"P10", {0, 0, 0, 0, 0, 0, 0, 0, 1}, 0, 1, "none_minimal", true, false, false},
    {"P11", {2, 0, 2, 0, 0, 0, 0, 0, 1}, 1, 5, "mild", true, false, true},
    {"P12", {0, 0, 2, 2, 2, 2, 2, 0, 0}, 2, 10, "moderate", false, false, false},
};

Answers phq(const std::vector<int>& items, std::optional<int> item10) {
  Answers a(items.begin(), items.end());
  a.push_back(item10);
  return a;
}

std::optional<bool> criterion(const ScoreResult& r, std::string_view id) {
  for (const auto& c : r.criteria)
    if (c.id == id) return c.met;
  ADD_FAILURE() << "no criterion " << id;
  return std::nullopt;
}

bool has_flag(const ScoreResult& r, std::string_view kind) {
  for (const auto& f : r.flags)
    if (f.kind == kind) return f.severity == Severity::urgent && f.requires_acknowledgement();
  return false;
}

TEST(Phq9, ReferenceVectors) {
  for (const PhqCase& c : kCases) {
    SCOPED_TRACE(c.id);
    auto r = score(instrument("phq9"), phq(c.items, c.item10));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->complete);
    EXPECT_EQ(r->total, c.total);
    EXPECT_EQ(r->max_total, 27);
    ASSERT_TRUE(r->band);
    EXPECT_EQ(r->band->id, c.band);
    EXPECT_EQ(has_flag(*r, "phq9_item9"), c.item9_flag);
    EXPECT_EQ(r->flags.size(), c.item9_flag ? 1u : 0u);
    EXPECT_EQ(criterion(*r, "major_depressive_syndrome"), c.mds);
    EXPECT_EQ(criterion(*r, "other_depressive_syndrome"), c.ods);
  }
}

TEST(Phq9, Item9FlagForEveryPositiveAnswer) {  // §5.1: any answer >= 1, regardless of the total
  for (int v : {1, 2, 3}) {
    auto r = score(instrument("phq9"), phq({0, 0, 0, 0, 0, 0, 0, 0, v}, 0));
    ASSERT_TRUE(r);
    ASSERT_EQ(r->flags.size(), 1u) << v;
    EXPECT_EQ(r->flags[0].kind, "phq9_item9");
    EXPECT_EQ(r->flags[0].trigger, "phq9_9");
    EXPECT_TRUE(shows_crisis_resources(r->flags));
  }
  auto none = score(instrument("phq9"), phq({3, 3, 3, 3, 3, 3, 3, 3, 0}, 3));
  ASSERT_TRUE(none);
  EXPECT_TRUE(none->flags.empty());
  EXPECT_FALSE(shows_crisis_resources(none->flags));
}

// Item 9 counts as a symptom from 1, the others from 2 (§5.1 [S28]): here it is
// the fifth symptom that makes the syndrome major rather than "other".
TEST(Phq9, Item9CountsAsASymptomFromOne) {
  auto r = score(instrument("phq9"), phq({2, 2, 2, 2, 0, 0, 0, 0, 1}, 1));
  ASSERT_TRUE(r);
  EXPECT_EQ(criterion(*r, "major_depressive_syndrome"), true);
  EXPECT_EQ(criterion(*r, "other_depressive_syndrome"), false);
  auto eight = score(instrument("phq9"), phq({2, 2, 2, 2, 0, 0, 0, 1, 0}, 1));  // item 8 = 1 does not count
  ASSERT_TRUE(eight);
  EXPECT_EQ(criterion(*eight, "major_depressive_syndrome"), false);
  EXPECT_EQ(criterion(*eight, "other_depressive_syndrome"), true);
}

// P13: total > 0 and item 10 missing -> incomplete (CamCOPS rule), but the
// total and band of items 1-9 are still reported: item 10 is not scored, and
// hiding a high total is unsafe. No diagnostic algorithm on an incomplete form.
// Its item 9 = 1 still raises the flag: item 9 is a trigger "regardless of the
// total score" [@mii_pro], so completeness never hides it.
TEST(Phq9, P13IncompleteWithoutItem10StillFlagsItem9) {
  auto r = score(instrument("phq9"), phq({1, 1, 1, 1, 1, 1, 1, 1, 1}, std::nullopt));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->complete);
  EXPECT_EQ(r->total, 9);
  ASSERT_TRUE(r->band);
  EXPECT_EQ(r->band->id, "mild");
  EXPECT_EQ(r->notes.back(), "form incomplete: the total of the scored items is reported");
  EXPECT_EQ(r->missing, std::vector<std::string>{"phq9_10"});
  EXPECT_FALSE(criterion(*r, "major_depressive_syndrome"));
  EXPECT_TRUE(has_flag(*r, "phq9_item9"));
}

TEST(Phq9, FlagRaisedOnAnIncompleteSubmission) {
  auto r = score(instrument("phq9"), answers({std::nullopt, std::nullopt, std::nullopt, 0, 0, 0, 0, 0, 2, 1}));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->complete);
  EXPECT_EQ(r->missing, (std::vector<std::string>{"phq9_1", "phq9_2", "phq9_3"}));
  EXPECT_TRUE(has_flag(*r, "phq9_item9"));
}

TEST(Phq9, P14OutOfRangeNamesTheItem) {
  auto r = score(instrument("phq9"), phq({0, 0, 0, 0, 0, 0, 0, 0, 4}, 0));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(r.error().field, "answers[8]");
  EXPECT_NE(r.error().message.find("phq9_9"), std::string::npos);
}

TEST(Phq9, OtherBadInput) {
  const auto& ins = instrument("phq9");
  EXPECT_EQ(score(ins, phq({-1, 0, 0, 0, 0, 0, 0, 0, 0}, 0)).error().field, "answers[0]");
  EXPECT_EQ(score(ins, phq({0, 0, 0, 0, 0, 0, 0, 0, 0}, 4)).error().field, "answers[9]");
  EXPECT_EQ(score(ins, Answers(9, 0)).error().field, "answers");  // item 10 slot missing
}

// P15 default: a missing item leaves the PHQ-9 incomplete.
TEST(Phq9, P15MissingItemIsIncompleteByDefault) {
  auto r = score(instrument("phq9"), answers({2, 2, 2, std::nullopt, 2, 2, 2, 2, 0, 2}));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->complete);
  EXPECT_FALSE(r->total);
  EXPECT_FALSE(r->prorated);
  EXPECT_EQ(r->missing, std::vector<std::string>{"phq9_4"});
}

Instrument prorating_phq9() {
  Instrument ins = instrument("phq9");
  ins.scoring.missing.rule = MissingRule::prorate;  // Arrieta 2017, ≤ 2 missing [S45]
  EXPECT_TRUE(validate(ins));
  return ins;
}

// P15 proration: 14 x 9/8 = 15.75 -> 16 (rounded half up).
TEST(Phq9, P15ProrationRoundsHalfUp) {
  const Instrument ins = prorating_phq9();
  auto r = score(ins, answers({2, 2, 2, std::nullopt, 2, 2, 2, 2, 0, 2}));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->complete);
  EXPECT_TRUE(r->prorated);
  EXPECT_EQ(r->total, 16);
  EXPECT_EQ(r->band->id, "moderately_severe");
  EXPECT_FALSE(criterion(*r, "major_depressive_syndrome"));  // a symptom count needs every item
  // 4 x 9/8 = 4.5 -> 5: half up, not to even.
  auto half = score(ins, answers({1, 1, 1, 1, std::nullopt, 0, 0, 0, 0, 1}));
  ASSERT_TRUE(half);
  EXPECT_EQ(half->total, 5);
}

TEST(Phq9, ProrationLimits) {
  const Instrument ins = prorating_phq9();
  auto two = score(ins, answers({2, 2, std::nullopt, std::nullopt, 2, 2, 2, 2, 0, 2}));
  ASSERT_TRUE(two);
  EXPECT_TRUE(two->prorated);
  EXPECT_EQ(two->total, 15);  // 12 over 7 answered items: 12 x 9/7 = 15.43 -> 15
  auto three = score(ins, answers({2, std::nullopt, std::nullopt, std::nullopt, 2, 2, 2, 2, 0, 2}));
  ASSERT_TRUE(three);
  EXPECT_FALSE(three->total);
  EXPECT_EQ(three->notes.back(), "total not reported: more than 2 items missing");
  // Item 10 is not scored: its blank leaves the form incomplete but does not stop the proration of items 1-9.
  auto no10 = score(ins, answers({2, 2, 2, std::nullopt, 2, 2, 2, 2, 0, std::nullopt}));
  ASSERT_TRUE(no10);
  EXPECT_FALSE(no10->complete);
  EXPECT_TRUE(no10->prorated);
  EXPECT_EQ(no10->total, 16);
  // A symptom count needs every item, even when the answered core items already rule a syndrome out.
  auto no_core = score(ins, answers({0, 0, 2, std::nullopt, 2, 2, 2, 2, 0, 2}));
  ASSERT_TRUE(no_core);
  EXPECT_TRUE(no_core->prorated);
  EXPECT_FALSE(criterion(*no_core, "major_depressive_syndrome"));
}

// A high total is never hidden by the unscored item 10 alone (issue 11).
TEST(Phq9, HighTotalWithOnlyItem10BlankIsReported) {
  auto r = score(instrument("phq9"), phq({3, 3, 3, 3, 3, 3, 3, 3, 0}, std::nullopt));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->complete);
  EXPECT_EQ(r->total, 24);
  EXPECT_EQ(r->band->id, "severe");
}

const SafetyFlag* flag_of(const ScoreResult& r, std::string_view kind) {
  for (const auto& f : r.flags)
    if (f.kind == kind) return &f;
  return nullptr;
}

// A skipped item 9 is a question to ask in person, never a "no": a review flag.
TEST(Phq9, BlankItem9RaisesAReviewFlag) {
  auto r = score(instrument("phq9"), answers({1, 1, 1, 1, 1, 1, 1, 1, std::nullopt, 1}));
  ASSERT_TRUE(r);
  const SafetyFlag* blank = flag_of(*r, "phq9_item9_blank");
  ASSERT_NE(blank, nullptr);
  EXPECT_EQ(blank->severity, Severity::review);
  EXPECT_EQ(blank->trigger, "phq9_9");
  EXPECT_FALSE(flag_of(*r, "phq9_item9"));
  EXPECT_FALSE(r->total);  // item 9 is scored: the form is incomplete
  auto answered = score(instrument("phq9"), phq({1, 1, 1, 1, 1, 1, 1, 1, 0}, 1));
  ASSERT_TRUE(answered);
  EXPECT_TRUE(answered->flags.empty());  // 0 is an answer: no flag
}

// Proration never imputes a suicide item: a blank item 9 is never scored as the mean of the others.
TEST(Phq9, ProrationNeverImputesItem9) {
  const Instrument ins = prorating_phq9();
  auto r = score(ins, answers({2, 2, 2, 2, 2, 2, 2, 2, std::nullopt, 2}));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->prorated);
  EXPECT_FALSE(r->total);
  EXPECT_EQ(r->notes.back(), "total not reported: phq9_9 is a safety item and is never imputed");
  EXPECT_TRUE(flag_of(*r, "phq9_item9_blank"));
}

TEST(Phq9, AnswersByLinkId) {
  const auto& ins = instrument("phq9");
  std::vector<LinkedAnswer> linked;
  for (int i = 1; i <= 10; ++i) linked.push_back({"phq9_" + std::to_string(i), i == 9 ? 1 : 0});
  auto a = answers_from_linked(ins, linked);
  ASSERT_TRUE(a);
  auto r = score(ins, *a, FieldStyle::link_id);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->total, 1);
  EXPECT_TRUE(has_flag(*r, "phq9_item9"));

  linked.push_back({"phq9_11", 0});
  auto unknown = answers_from_linked(ins, linked);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().field, "answers.phq9_11");
  linked.back() = {"phq9_3", 0};
  EXPECT_EQ(answers_from_linked(ins, linked).error().field, "answers.phq9_3");  // answered twice

  linked.pop_back();
  linked[8].value = 7;
  auto out_of_range = score(ins, *answers_from_linked(ins, linked), FieldStyle::link_id);
  ASSERT_FALSE(out_of_range);
  EXPECT_EQ(out_of_range.error().field, "answers.phq9_9");
}

}  // namespace
}  // namespace kc::measures
