#include "pharm/population.h"

#include <gtest/gtest.h>

#include <cmath>

#include "fixtures.h"
#include "pharm/detail/histogram.h"

namespace kc::pharm {
namespace {

// Kamp 2020 1-compartment equivalent [V] abstract: V 252 L, CL 79 L/h at 70 kg.
ModelSpec kamp() {
  ModelSpec m;
  m.id = "kamp";
  m.name = "Kamp";
  m.compartments = 1;
  m.scaling = Scaling::allometric;
  m.disposition[Param::v1] = {252, ""};
  m.disposition[Param::cl] = {79.0 / 60, ""};
  return m;
}

ModelSpec domino_spec() {
  ModelSpec m;
  m.id = "domino";
  m.name = "Domino";
  m.compartments = 3;
  m.scaling = Scaling::per_kg;
  const PkParams p = from_micro(testing::domino(1));
  for (Param q : kParams) m.disposition[q] = {p[q], ""};
  return m;
}

const Regimen kBolus{{Bolus{0, 35, false}}, {}, {}};

double cp_typical_with_cl_factor(double factor, double t_min) {  // 1-cpt bolus closed form
  const double v = 252, cl = 79.0 / 60 * factor;
  return 35 / v * std::exp(-cl / v * t_min) * 1000;
}

PopulationOptions cl_only(double cv, std::size_t n) {
  PopulationOptions o;
  o.patients = n;
  o.seed = 7;
  o.cv = {{Param::cl, cv}};
  return o;
}

// With variability on CL only, Cp(t) falls monotonically with CL, so each
// percentile of Cp is Cp at the opposite percentile of CL: the median is the
// typical patient and the 95th percentile is Cp at CL * exp(-1.645 omega).
TEST(Population, PercentilesMatchTheLogNormalQuantilesOfClearance) {
  const std::vector<double> times{30, 120, 240, 480};
  auto run = simulate_population(kamp(), {70, {}}, {}, kBolus, times, cl_only(0.3, 40000));
  ASSERT_TRUE(run);
  const double omega = std::sqrt(std::log1p(0.09));
  for (std::size_t i = 0; i < times.size(); ++i) {
    EXPECT_NEAR(run->bands[1].cp_ng_ml[i], cp_typical_with_cl_factor(1, times[i]),
                0.01 * cp_typical_with_cl_factor(1, times[i])) << "median at " << times[i];
    const double p95 = cp_typical_with_cl_factor(std::exp(-1.6449 * omega), times[i]);
    const double p5 = cp_typical_with_cl_factor(std::exp(1.6449 * omega), times[i]);
    EXPECT_NEAR(run->bands[2].cp_ng_ml[i], p95, 0.015 * p95) << "p95 at " << times[i];
    EXPECT_NEAR(run->bands[0].cp_ng_ml[i], p5, 0.015 * p5) << "p5 at " << times[i];
  }
}

TEST(Population, MedianConvergesToTheTypicalPatient) {
  auto small = simulate_population(kamp(), {70, {}}, {}, kBolus, {240}, cl_only(0.4, 200));
  auto large = simulate_population(kamp(), {70, {}}, {}, kBolus, {240}, cl_only(0.4, 50000));
  ASSERT_TRUE(small && large);
  const double typical = large->typical.series.cp_ng_ml[0];
  EXPECT_NEAR(typical, cp_typical_with_cl_factor(1, 240), 1e-9);
  const double err_small = std::abs(small->bands[1].cp_ng_ml[0] / typical - 1);
  const double err_large = std::abs(large->bands[1].cp_ng_ml[0] / typical - 1);
  EXPECT_LT(err_large, 0.01);
  EXPECT_LT(err_large, err_small + 0.002);
}

TEST(Population, ReproducibleFromTheSeedWhateverTheThreadCount) {
  auto o1 = cl_only(0.3, 3000);
  o1.threads = 1;
  auto o2 = o1;
  o2.threads = 2;
  const std::vector<double> times{10, 60, 300};
  auto a = simulate_population(kamp(), {70, {}}, {}, kBolus, times, o1);
  auto b = simulate_population(kamp(), {70, {}}, {}, kBolus, times, o2);
  ASSERT_TRUE(a && b);
  for (std::size_t k = 0; k < a->bands.size(); ++k) EXPECT_EQ(a->bands[k].cp_ng_ml, b->bands[k].cp_ng_ml);
  for (std::size_t m = 0; m < a->metrics.size(); ++m) EXPECT_EQ(a->metrics[m].values, b->metrics[m].values);
  auto o3 = o1;
  o3.seed = 8;
  auto c = simulate_population(kamp(), {70, {}}, {}, kBolus, times, o3);
  EXPECT_NE(a->bands[1].cp_ng_ml, c->bands[1].cp_ng_ml);
}

// Domino scales every volume and clearance per kg, so a mg/kg dose gives the same
// curve at any weight: a weight spread alone must not widen the band.
TEST(Population, PerKgDosesScaleWithEachPatientsWeight) {
  Regimen r{{}, {Infusion{0, 40, 0.875, true}}, {}};
  PopulationOptions o;
  o.patients = 500;
  o.weight_sd_kg = 15;
  auto run = simulate_population(domino_spec(), {70, {}}, {}, r, {20, 40, 120}, o);
  ASSERT_TRUE(run);
  // Identical values may straddle one histogram bin edge: two bins (1.1 %) of tolerance.
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_NEAR(run->bands[0].cp_ng_ml[i], run->bands[2].cp_ng_ml[i], 0.011 * run->bands[2].cp_ng_ml[i]);
    EXPECT_NEAR(run->bands[1].cp_ng_ml[i], run->typical.series.cp_ng_ml[i], 0.011 * run->typical.series.cp_ng_ml[i]);
  }
  // A fixed 35 mg dose instead: heavier patients get lower concentrations.
  Regimen fixed{{}, {Infusion{0, 40, 0.875, false}}, {}};
  auto wide = simulate_population(domino_spec(), {70, {}}, {}, fixed, {40}, o);
  EXPECT_GT(wide->bands[2].cp_ng_ml[0], 1.2 * wide->bands[0].cp_ng_ml[0]);
}

TEST(Population, SummaryMetricPercentilesAreOrderedAndExactForTheTypical) {
  Regimen r{{}, {Infusion{0, 40, 0.875, true}}, {}};
  PopulationOptions o = cl_only(0.3, 2000);
  o.cv[Param::v1] = 0.2;
  o.threshold_ng_ml = 100;
  auto run = simulate_population(domino_spec(), {70, {}}, {}, r, *uniform_grid(360, 1), o);
  ASSERT_TRUE(run);
  ASSERT_EQ(run->metrics.size(), 6u);
  for (const auto& m : run->metrics) {
    EXPECT_LE(m.values[0], m.values[1]) << m.name;
    EXPECT_LE(m.values[1], m.values[2]) << m.name;
  }
  EXPECT_EQ(run->metrics[1].name, "tmax_min");
  EXPECT_DOUBLE_EQ(run->metrics[1].values[1], 40);  // an infusion peaks at its end
}

TEST(Population, RejectsBadOptions) {
  const std::vector<double> t{10};
  auto o = cl_only(0.3, 0);
  EXPECT_EQ(simulate_population(kamp(), {70, {}}, {}, kBolus, t, o).error().field, "patients");
  o = cl_only(0.3, 10);
  o.percentiles = {50, 5};
  EXPECT_EQ(simulate_population(kamp(), {70, {}}, {}, kBolus, t, o).error().field, "percentiles");
  o = cl_only(0.3, 10);
  o.cv.clear();
  EXPECT_EQ(simulate_population(kamp(), {70, {}}, {}, kBolus, t, o).error().field, "cv");
  o = cl_only(0.3, 10);
  o.age_sd_y = 5;  // no typical age
  EXPECT_EQ(simulate_population(kamp(), {70, {}}, {}, kBolus, t, o).error().field, "age_sd");
}

TEST(LogHistogram, PercentilesWithinTheBinResolution) {
  detail::LogHistogram h(1);
  for (int i = 1; i <= 10000; ++i) h.add(0, i * 0.37);
  for (double p : {1.0, 5.0, 50.0, 95.0, 99.0}) {
    const double exact = (1 + p / 100 * 9999) * 0.37;
    EXPECT_NEAR(h.percentile(0, p, 10000), exact, 0.003 * exact) << p;
  }
  detail::LogHistogram zeros(1);
  for (int i = 0; i < 10; ++i) zeros.add(0, 0.0);
  EXPECT_EQ(zeros.percentile(0, 50, 10), 0);
}

}  // namespace
}  // namespace kc::pharm
