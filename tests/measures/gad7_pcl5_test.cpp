// GAD-7 (clinical.md §9.2 G1-G8) and PCL-5 (§9.3 L1-L6): totals, bands,
// cut-points, DSM-5 clusters and the provisional-diagnosis rule.
#include <gtest/gtest.h>

#include "clinic/measures/scoring.h"
#include "shipped.h"

namespace kc::measures {
namespace {

using testing::instrument;

std::optional<bool> criterion(const ScoreResult& r, std::string_view id) {
  for (const auto& c : r.criteria)
    if (c.id == id) return c.met;
  ADD_FAILURE() << "no criterion " << id;
  return std::nullopt;
}

Answers of(const std::vector<int>& v) { return Answers(v.begin(), v.end()); }

struct GadCase {
  const char* id;
  std::vector<int> items;
  int total;
  const char* band;
  bool positive;
};

TEST(Gad7, ReferenceVectors) {
  const GadCase cases[] = {
      {"G1", {0, 0, 0, 0, 0, 0, 0}, 0, "minimal", false}, {"G2", {1, 1, 1, 1, 0, 0, 0}, 4, "minimal", false},
      {"G3", {1, 1, 1, 1, 1, 0, 0}, 5, "mild", false},    {"G4", {2, 2, 2, 1, 1, 1, 0}, 9, "mild", false},
      {"G5", {2, 2, 2, 2, 1, 1, 0}, 10, "moderate", true}, {"G6", {3, 3, 2, 2, 2, 1, 1}, 14, "moderate", true},
      {"G7", {3, 3, 3, 2, 2, 1, 1}, 15, "severe", true},  {"G8", {3, 3, 3, 3, 3, 3, 3}, 21, "severe", true},
  };
  for (const GadCase& c : cases) {
    SCOPED_TRACE(c.id);
    auto r = score(instrument("gad7"), of(c.items));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_TRUE(r->complete);
    EXPECT_EQ(r->total, c.total);
    EXPECT_EQ(r->band->id, c.band);
    EXPECT_EQ(criterion(*r, "screen_positive"), c.positive);
    EXPECT_TRUE(r->flags.empty());
  }
}

TEST(Gad7, MissingAndOutOfRange) {
  auto missing = score(instrument("gad7"), Answers{1, 1, std::nullopt, 1, 1, 1, 1});
  ASSERT_TRUE(missing);
  EXPECT_FALSE(missing->total);
  EXPECT_FALSE(criterion(*missing, "screen_positive"));
  EXPECT_EQ(missing->missing, std::vector<std::string>{"gad7_3"});
  EXPECT_EQ(score(instrument("gad7"), of({0, 0, 0, 0, 0, 0, 4})).error().field, "answers[6]");
}

struct PclCase {
  const char* id;
  std::vector<int> items;
  int total;
  std::array<int, 4> clusters;  // B, C, D, E
  bool cut33, dsm5;
};

std::vector<int> all(int v) { return std::vector<int>(20, v); }

TEST(Pcl5, ReferenceVectors) {
  std::vector<int> l6 = all(2);
  std::fill(l6.begin() + 16, l6.end(), 0);
  const PclCase cases[] = {
      {"L1", all(0), 0, {0, 0, 0, 0}, false, false},
      {"L2", all(4), 80, {20, 8, 28, 24}, true, true},
      {"L3", {2, 0, 0, 0, 0, 2, 0, 2, 2, 0, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0}, 12, {2, 2, 4, 4}, false, true},
      {"L4", all(2), 40, {10, 4, 14, 12}, true, true},
      {"L5", {4, 4, 4, 4, 4, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4}, 72, {20, 0, 28, 24}, true, false},
      {"L6", l6, 32, {10, 4, 14, 4}, false, true},
  };
  for (const PclCase& c : cases) {
    SCOPED_TRACE(c.id);
    auto r = score(instrument("pcl5"), of(c.items));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->total, c.total);
    EXPECT_FALSE(r->band);  // no empirically derived severity ranges (§5.1)
    ASSERT_EQ(r->subscales.size(), 4u);
    const std::array<int, 4> max = {20, 8, 28, 24};
    for (std::size_t k = 0; k < 4; ++k) {
      EXPECT_EQ(r->subscales[k].score, c.clusters[k]) << r->subscales[k].id;
      EXPECT_EQ(r->subscales[k].max, max[k]);
    }
    EXPECT_EQ(criterion(*r, "provisional_ptsd_cut_point"), c.cut33);
    EXPECT_EQ(criterion(*r, "dsm5_provisional"), c.dsm5);
  }
}

// L6 at the alternative cut-point 31 (configuration, §5.1: 31-33).
TEST(Pcl5, CutPointIsConfiguration) {
  Instrument ins = instrument("pcl5");
  for (auto& c : ins.scoring.criteria)
    if (auto* cut = std::get_if<CutPoint>(&c.rule)) cut->total_at_least = 31;
  ASSERT_TRUE(validate(ins));
  std::vector<int> l6 = all(2);
  std::fill(l6.begin() + 16, l6.end(), 0);
  auto r = score(ins, of(l6));
  ASSERT_TRUE(r);
  EXPECT_EQ(criterion(*r, "provisional_ptsd_cut_point"), true);
}

TEST(Pcl5, ClusterReportedWhenItsOwnItemsAreAnswered) {
  Answers a = of(all(1));
  a[7] = std::nullopt;  // item 8, cluster D
  auto r = score(instrument("pcl5"), a);
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->total);
  EXPECT_EQ(r->subscales[0].score, 5);
  EXPECT_FALSE(r->subscales[2].score);
  EXPECT_FALSE(criterion(*r, "dsm5_provisional"));
}

TEST(Pcl5, OutOfRange) {
  std::vector<int> items = all(0);
  items[19] = 5;
  EXPECT_EQ(score(instrument("pcl5"), of(items)).error().field, "answers[19]");
}

}  // namespace
}  // namespace kc::measures
