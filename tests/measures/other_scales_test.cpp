// MADRS (clinical.md §9.5 M1-M6), CADSS-6 (X1) and the unscored medical screening.
#include <gtest/gtest.h>

#include <numeric>

#include "clinic/measures/scoring.h"
#include "shipped.h"

namespace kc::measures {
namespace {

using testing::instrument;

// Ten MADRS item scores adding up to `total` (each 0-6).
Answers madrs_items(int total) {
  Answers a(10, 0);
  for (auto& v : a) {
    v = std::min(6, total);
    total -= *v;
  }
  return a;
}

TEST(Madrs, SnaithBands) {  // M1-M4 (§5.1 [S34])
  const std::pair<int, const char*> cases[] = {{6, "normal"},    {7, "mild"},      {19, "mild"},
                                               {20, "moderate"}, {34, "moderate"}, {35, "severe"}};
  for (const auto& [total, band] : cases) {
    auto r = score(instrument("madrs"), madrs_items(total));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->total, total);
    EXPECT_EQ(r->band->id, band) << total;
    EXPECT_EQ(band_for(instrument("madrs"), total)->id, band);
  }
}

// MADRS item 10 (suicidal thoughts): urgent from 4, review at 2-3, blank asks for a rating; the
// thresholds are settings in data/instruments/madrs.json (issue 11 defaults, [U]).
TEST(Madrs, Item10RaisesOneFlagByTier) {
  const std::pair<std::optional<int>, std::vector<std::string>> cases[] = {
      {0, {}}, {1, {}}, {2, {"madrs_item10_review"}}, {3, {"madrs_item10_review"}},
      {4, {"madrs_item10"}}, {6, {"madrs_item10"}}, {std::nullopt, {"madrs_item10_blank"}}};
  for (const auto& [item10, kinds] : cases) {
    Answers a(10, 1);
    a[9] = item10;
    auto r = score(instrument("madrs"), a);
    ASSERT_TRUE(r);
    std::vector<std::string> got;
    for (const auto& f : r->flags) got.push_back(f.kind);
    EXPECT_EQ(got, kinds) << (item10 ? *item10 : -1);
    if (!kinds.empty()) {
      const bool urgent = item10 && *item10 >= 4;
      EXPECT_EQ(r->flags.at(0).severity, urgent ? Severity::urgent : Severity::review);
    }
  }
}

TEST(Madrs, AllMaximumAndOutOfRange) {  // M5, M6
  auto r = score(instrument("madrs"), Answers(10, 6));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->total, 60);
  EXPECT_EQ(r->band->id, "severe");
  Answers bad(10, 0);
  bad[3] = 7;
  auto e = score(instrument("madrs"), bad);
  ASSERT_FALSE(e);
  EXPECT_EQ(e.error().field, "answers[3]");
  EXPECT_FALSE(band_for(instrument("madrs"), 61));
}

// X1: only CADSS items 1, 2, 6, 7, 15, 22 count (Rodrigues 2021 [S27]).
TEST(Cadss6, X1SumOfTheSixItems) {
  auto r = score(instrument("cadss6"), Answers{1, 2, 0, 1, 3, 0});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->total, 7);
  EXPECT_EQ(r->max_total, 24);
  EXPECT_FALSE(r->band);  // none validated for ketamine
  EXPECT_EQ(score(instrument("cadss6"), Answers{0, 0, 0, 0, 5, 0}).error().field, "answers[4]");
}

// X1 with the 23-item CADSS, built here: the 23-item version is not shipped (its
// anchors and item split are [U]), but the engine's subscale is what derives
// CADSS-6 from a full rating.
TEST(Cadss6, X1DerivedFromA23ItemRating) {
  Instrument cadss23;
  cadss23.id = "cadss23";
  for (int n = 1; n <= 23; ++n) {
    Item item;
    item.link_id = "cadss_" + std::to_string(n);
    item.type = ItemType::integer;
    item.max_value = 4;
    cadss23.items.push_back(item);
  }
  Total total;
  total.items.resize(23);
  std::iota(total.items.begin(), total.items.end(), 0);
  cadss23.scoring.total = total;
  cadss23.scoring.subscales.push_back(Subscale{"cadss6", "CADSS-6", {0, 1, 5, 6, 14, 21}});
  ASSERT_TRUE(validate(cadss23));
  Answers a(23, 4);
  a[0] = 1, a[1] = 2, a[5] = 0, a[6] = 1, a[14] = 3, a[21] = 0;
  auto r = score(cadss23, a);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->subscales.at(0).score, 7);
  EXPECT_EQ(r->total, 75);  // 7 + 17 x 4
}

TEST(MedicalScreening, HasNoScoreButReportsMissingAnswers) {
  const auto& ins = instrument("medical_screening");
  Answers a(ins.items.size(), 0);
  a[3] = std::nullopt;
  auto r = score(ins, a);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->complete);
  EXPECT_FALSE(r->total);
  EXPECT_EQ(r->missing, std::vector<std::string>{ins.items[3].link_id});
  EXPECT_TRUE(r->flags.empty());
}

}  // namespace
}  // namespace kc::measures
