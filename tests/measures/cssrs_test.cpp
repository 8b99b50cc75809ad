// C-SSRS screener: skip logic, risk tiers (clinical.md §9.6 C1-C9) and the
// safety flag each positive tier raises.
#include <gtest/gtest.h>

#include "clinic/measures/scoring.h"
#include "shipped.h"

namespace kc::measures {
namespace {

using testing::instrument;
constexpr std::optional<int> Y = 1, N = 0, _ = std::nullopt;

struct CssrsCase {
  const char* id;
  Answers answers;  // Q1..Q5, Q6, Q6 within 3 months
  const char* tier;
  const char* flag;  // "" when none
};

TEST(Cssrs, ReferenceVectors) {
  const CssrsCase cases[] = {
      {"C1", {N, N, _, _, _, N, _}, "none", ""},
      {"C2", {Y, N, _, _, _, N, _}, "low", "cssrs_low"},
      {"C3", {Y, Y, N, N, N, N, _}, "low", "cssrs_low"},
      {"C4", {Y, Y, Y, N, N, N, _}, "moderate", "cssrs_moderate"},
      {"C5", {N, N, _, _, _, Y, N}, "moderate", "cssrs_moderate"},
      {"C6", {Y, Y, Y, Y, N, N, _}, "high", "cssrs_high"},
      {"C7", {Y, Y, N, N, Y, N, _}, "high", "cssrs_high"},
      {"C8", {N, N, _, _, _, Y, Y}, "high", "cssrs_high"},
  };
  for (const CssrsCase& c : cases) {
    SCOPED_TRACE(c.id);
    auto r = score(instrument("cssrs_screener"), c.answers);
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->complete);
    EXPECT_FALSE(r->total);
    ASSERT_TRUE(r->risk);
    EXPECT_EQ(r->risk->id, c.tier);
    EXPECT_FALSE(r->risk->lower_bound);
    if (*c.flag == '\0') {
      EXPECT_TRUE(r->flags.empty());
      EXPECT_FALSE(shows_crisis_resources(r->flags));
      continue;
    }
    ASSERT_EQ(r->flags.size(), 1u);
    EXPECT_EQ(r->flags[0].kind, c.flag);
    EXPECT_EQ(r->flags[0].trigger, c.tier);
    EXPECT_TRUE(r->flags[0].requires_acknowledgement());
    EXPECT_TRUE(shows_crisis_resources(r->flags));
  }
}

TEST(Cssrs, HighTierAction) {
  auto r = score(instrument("cssrs_screener"), Answers{N, N, _, _, _, Y, Y});
  ASSERT_TRUE(r);
  EXPECT_NE(r->risk->action.find("Immediate evaluation"), std::string::npos);
}

// C9: Q3-Q5 are asked only when Q2 = yes; any answer there is refused, even "no".
TEST(Cssrs, C9AnswerToASkippedQuestionIsAnError) {
  auto r = score(instrument("cssrs_screener"), Answers{N, N, Y, _, _, N, _});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(r.error().field, "answers[2]");
  EXPECT_NE(r.error().message.find("cssrs_2"), std::string::npos);
  EXPECT_EQ(score(instrument("cssrs_screener"), Answers{N, N, _, _, N, N, _}).error().field, "answers[4]");
  EXPECT_EQ(score(instrument("cssrs_screener"), Answers{N, N, _, _, _, N, N}).error().field, "answers[6]");
  EXPECT_EQ(score(instrument("cssrs_screener"), Answers{2, N, _, _, _, N, _}).error().field, "answers[0]");
}

// A partial screener still flags what it found; below the top tier, the tier is then a lower bound.
TEST(Cssrs, PartialScreenerFlagsWhatItFound) {
  auto high = score(instrument("cssrs_screener"), Answers{Y, Y, _, Y, _, _, _});
  ASSERT_TRUE(high);
  EXPECT_FALSE(high->complete);
  EXPECT_EQ(high->risk->id, "high");
  EXPECT_FALSE(high->risk->lower_bound);  // nothing is above high
  EXPECT_EQ(high->flags.at(0).kind, "cssrs_high");

  auto moderate = score(instrument("cssrs_screener"), Answers{N, N, _, _, _, Y, _});  // Q6b unanswered
  ASSERT_TRUE(moderate);
  EXPECT_EQ(moderate->risk->id, "moderate");
  EXPECT_TRUE(moderate->risk->lower_bound);
  EXPECT_EQ(moderate->missing, std::vector<std::string>{"cssrs_6b"});

  auto unknown = score(instrument("cssrs_screener"), Answers{_, N, _, _, _, N, _});
  ASSERT_TRUE(unknown);
  EXPECT_FALSE(unknown->risk);  // not "none": Q1 is unanswered
  EXPECT_TRUE(unknown->flags.empty());
}

}  // namespace
}  // namespace kc::measures
