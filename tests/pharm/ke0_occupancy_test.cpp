#include <gtest/gtest.h>

#include "fixtures.h"
#include "pharm/ke0.h"
#include "pharm/occupancy.h"
#include "pharm/solver.h"

#include <algorithm>

namespace kc::pharm {
namespace {

// pharmacology.md §8 V10 [C]: bisection of §5.4, 70 kg.
TEST(Ke0FromTpeak, ReproducesV10) {
  EXPECT_NEAR(*ke0_from_tpeak(testing::domino(70), 1), 0.652, 0.0005);
  EXPECT_NEAR(*ke0_from_tpeak(testing::clements(70), 1), 5.21, 0.005);
  EXPECT_NEAR(*ke0_from_tpeak(testing::hijazi(70), 1), 4.773, 0.0005);
  EXPECT_NEAR(*ke0_from_tpeak(testing::domino(70), 2), 0.155, 0.0005);
  EXPECT_NEAR(*ke0_from_tpeak(testing::domino(70), 3), 0.086, 0.0005);
}

TEST(Ke0FromTpeak, PeakOfTheEffectSiteIsAtTpeak) {
  const double ke0 = *ke0_from_tpeak(testing::domino(70), 1.7);
  Individual ind = testing::individual(testing::domino(70), ke0);
  std::vector<double> t;
  for (int i = 0; i <= 4000; ++i) t.push_back(i * 0.001);
  auto sim = simulate(ind, Regimen{{Bolus{0, 10}}, {}, {}}, t);
  ASSERT_TRUE(sim);
  const auto& ce = sim->series.ce_ng_ml;
  const auto peak = std::max_element(ce.begin(), ce.end()) - ce.begin();
  EXPECT_NEAR(sim->series.t_min[static_cast<std::size_t>(peak)], 1.7, 0.0015);
}

TEST(Ke0FromTpeak, RejectsImpossiblePeaks) {
  EXPECT_EQ(ke0_from_tpeak(testing::domino(70), 0).error().field, "tpeak");
  EXPECT_FALSE(ke0_from_tpeak(testing::domino(70), 1e-4));  // would need ke0 > 50 /min
}

// §8 V11: 185 ng/mL -> 0.778 uM; 250 -> 1.052; 9.3 uM -> 2211 ng/mL.
TEST(Occupancy, UnitConversionsMatchV11) {
  EXPECT_NEAR(ng_ml_to_um(185, 237.73), 0.778, 0.0005);
  EXPECT_NEAR(ng_ml_to_um(250, 237.73), 1.052, 0.0005);
  EXPECT_NEAR(ng_ml_to_um(2211, 237.73), 9.3, 0.001);
}

// §8 V12 [C]: fu 0.53, theta = Cu/(Cu + Ki).
TEST(Occupancy, ReproducesV12) {
  struct Row { double cp, ki_0119, ki_053, ki_14; };
  const Row rows[] = {{100, 0.65, 0.30, 0.14}, {185, 0.78, 0.44, 0.23}, {250, 0.82, 0.51, 0.28},
                      {750, 0.93, 0.76, 0.54}, {2000, 0.97, 0.89, 0.76}};
  for (const auto& r : rows) {
    EXPECT_NEAR(nmda_occupancy(r.cp, {237.73, 0.53, 0.119, 1}), r.ki_0119, 0.005) << r.cp;
    EXPECT_NEAR(nmda_occupancy(r.cp, {237.73, 0.53, 0.53, 1}), r.ki_053, 0.005) << r.cp;
    EXPECT_NEAR(nmda_occupancy(r.cp, {237.73, 0.53, 1.4, 1}), r.ki_14, 0.005) << r.cp;
  }
}

TEST(Occupancy, HillCoefficientSteepensTheCurveAroundKi) {
  const ReceptorBinding b{237.73, 0.53, 0.5, 2};
  const double at_ki_ng_ml = 0.5 / 0.53 * 237.73;
  EXPECT_NEAR(nmda_occupancy(at_ki_ng_ml, b), 0.5, 1e-12);
  EXPECT_LT(nmda_occupancy(at_ki_ng_ml / 2, b), nmda_occupancy(at_ki_ng_ml / 2, {237.73, 0.53, 0.5, 1}));
  EXPECT_EQ(nmda_occupancy(0, b), 0);
}

}  // namespace
}  // namespace kc::pharm
