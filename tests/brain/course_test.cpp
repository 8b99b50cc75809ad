// L2 -> L5 on a synthetic exposure (a 40-min infusion reaching 0.78 uM, then a
// 2.5-h half-life): the hard orderings of mechanism.md §8 as tests (P-1 to P-3),
// determinism, and bad input.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "brain/course.h"

namespace kc::brain {
namespace {

struct Exposure {
  std::vector<double> t_min, ce_um;
};

Exposure infusion(int minutes) {
  Exposure e;
  for (int i = 0; i <= minutes; ++i) {
    e.t_min.push_back(i);
    e.ce_um.push_back(i <= 40 ? 0.78 * i / 40 : 0.78 * std::exp(-std::log(2.0) * (i - 40) / 150));
  }
  return e;
}

double peak_time(const std::vector<double>& v) {
  return static_cast<double>(std::max_element(v.begin(), v.end()) - v.begin());
}

TEST(BrainCourse, MtorPeaksBeforeProteinsBeforeSpines) {
  const auto e = infusion(5 * 1440);
  auto c = run_course(e.t_min, e.ce_um, {});
  ASSERT_TRUE(c);
  EXPECT_LT(peak_time(c->mtor), peak_time(c->protein));
  EXPECT_LT(peak_time(c->protein), peak_time(c->spines));
  EXPECT_GT(c->spines[1440], c->spines[0]);
  EXPECT_LT(c->madrs[1440], c->madrs_placebo[1440]);
}

TEST(BrainCourse, RapamycinAbolishesSpinesAndTheSustainedEffect) {
  const auto e = infusion(5 * 1440);
  CourseParams p;
  p.plasticity.rapamycin = true;
  auto c = run_course(e.t_min, e.ce_um, p);
  ASSERT_TRUE(c);
  EXPECT_DOUBLE_EQ(*std::max_element(c->spines.begin(), c->spines.end()), c->spines[0]);
  EXPECT_LT(c->madrs_placebo[3 * 1440] - c->madrs[3 * 1440], 0.5);
}

TEST(BrainCourse, DeletingNewSpinesKeepsTheFirstHoursAndRemovesTheLaterEffect) {
  const auto e = infusion(4 * 1440);
  CourseParams p;
  auto intact = run_course(e.t_min, e.ce_um, p);
  p.delete_new_spines_at_min = 1440;
  auto deleted = run_course(e.t_min, e.ce_um, p);
  ASSERT_TRUE(intact && deleted);
  EXPECT_EQ(intact->madrs[360], deleted->madrs[360]);
  const auto effect = [](const CourseTrace& c, int i) { return c.madrs_placebo[i] - c.madrs[i]; };
  EXPECT_LT(effect(*deleted, 2 * 1440), 0.25 * effect(*intact, 2 * 1440));
}

TEST(BrainCourse, SameInputSameOutput) {
  const auto e = infusion(2 * 1440);
  auto a = run_course(e.t_min, e.ce_um, {});
  auto b = run_course(e.t_min, e.ce_um, {});
  ASSERT_TRUE(a && b);
  EXPECT_EQ(a->madrs, b->madrs);
  EXPECT_EQ(a->spines, b->spines);
}

TEST(BrainCourse, BadInputNamesTheField) {
  EXPECT_EQ(run_course({0}, {0}, {}).error().field, "times");
  EXPECT_EQ(run_course({0, 1, 3}, {0, 0, 0}, {}).error().field, "times");
  EXPECT_EQ(run_course({0, 1, 2}, {0, -1, 0}, {}).error().field, "ce");
  CourseParams p;
  p.symptoms.k_out_per_h = -1;
  EXPECT_EQ(run_course({0, 1, 2}, {0, 0, 0}, p).error().field, "k_out_per_h");
}

}  // namespace
}  // namespace kc::brain
