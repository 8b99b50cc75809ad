// L2 against an independent integrator: the block ODE
//   dB/dt = k_on f_b C(t) p(t) (1 - B) - k_off p(t) B - k_leak B
// solved here by classical fourth-order Runge-Kutta at a fine step, with the
// inputs varying smoothly in time; the library solves each step exactly with
// the inputs held at their midpoint values, so both converge to the same curve.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "brain/receptor_block.h"

namespace kc::brain {
namespace {

double ce_um(double t_s) { return 2.0 * (t_s / 600.0) * std::exp(1.0 - t_s / 600.0); }  // peak 2 uM at 10 min
double p_open(double t_s) { return 0.1 + 0.05 * std::sin(t_s / 50.0); }

double rk4(const BlockKinetics& k, double f_b, double t_end_s, double h_s) {
  auto rhs = [&](double t, double b) {
    const double p = p_open(t);
    return k.k_on_per_um_s * f_b * ce_um(t) * p * (1 - b) - k.k_off_per_s * p * b - k.k_leak_per_s * b;
  };
  double b = 0;
  for (double t = 0; t < t_end_s - 1e-9; t += h_s) {
    const double k1 = rhs(t, b), k2 = rhs(t + h_s / 2, b + h_s / 2 * k1);
    const double k3 = rhs(t + h_s / 2, b + h_s / 2 * k2), k4 = rhs(t + h_s, b + h_s * k3);
    b += h_s / 6 * (k1 + 2 * k2 + 2 * k3 + k4);
  }
  return b;
}

TEST(BrainReceptorBlock, KineticsMatchAnIndependentRungeKuttaSolution) {
  auto params = default_block_params();
  params.kinetics[index(Population::SST)].k_leak_per_s = 0.002;  // one population with leak
  params.brain_plasma_ratio = 0.8;
  ReceptorBlock block(params);
  const double h_s = 0.05, t_end_s = 3600;
  for (double t = 0; t < t_end_s - 1e-9; t += h_s) {
    const double mid = t + h_s / 2;
    block.advance(h_s, ce_um(mid), {p_open(mid), p_open(mid), p_open(mid)});
  }
  for (auto pop : kPopulations) {
    const double expected = rk4(params.kinetics[index(pop)], 0.8, t_end_s, 0.01);
    EXPECT_NEAR(block.block(pop), expected, 1e-5) << to_string(pop);
    EXPECT_GT(expected, 0.01) << "the check must exercise a visible block";
  }
}

TEST(BrainReceptorBlock, TrappedBlockStaysWhileChannelsAreClosedAndLeavesThroughOpenOnes) {
  auto params = default_block_params();
  ReceptorBlock block(params);
  block.advance(600, 2.0, {0.1, 0.1, 0.1});
  const double trapped = block.block(Population::PV);
  ASSERT_GT(trapped, 0.5);
  block.advance(24 * 3600, 0.0, {0, 0, 0});  // no drug, no activity: pure trapping keeps it
  EXPECT_DOUBLE_EQ(block.block(Population::PV), trapped);
  const double k_off = params.kinetics[index(Population::PV)].k_off_per_s, p = 0.02, t = 30;
  block.advance(t, 0.0, {p, p, p});  // activity untraps: B0 exp(-k_off p t)
  EXPECT_NEAR(block.block(Population::PV), trapped * std::exp(-k_off * p * t), 1e-12);
}

TEST(BrainReceptorBlock, QuasiStaticModeIsTheSteadyStateOfTheKinetics) {
  const auto params = default_block_params();
  for (double c : {0.1, 0.78, 5.0}) {
    ReceptorBlock block(params);
    block.advance(1e5, c, {0.1, 0.1, 0.1});
    for (auto pop : kPopulations) EXPECT_NEAR(block.block(pop), quasi_static_block(c, params, pop), 1e-12);
  }
}

TEST(BrainReceptorBlock, InterneuronsAreBlockedMoreThanPyramidalCellsAtAClinicalConcentration) {
  // 185 ng/mL / 237.73 g/mol = 0.78 uM, the mean end-of-infusion plasma level [@zanos2018].
  const auto b = quasi_static_blocks(185.0 / 237.73, default_block_params());
  EXPECT_GT(b[index(Population::PV)], b[index(Population::E)]);
  EXPECT_GT(b[index(Population::SST)], b[index(Population::E)]);
}

TEST(BrainReceptorBlock, CourseFromAPharmSeriesFollowsTheConcentration) {
  pharm::Series s;
  for (int i = 0; i <= 120; ++i) {
    s.t_min.push_back(i);
    s.cp_ng_ml.push_back(i <= 40 ? 185.0 * i / 40 : 185.0 * std::exp(-(i - 40) / 60.0));
  }
  auto course = block_course(s, 237.73, default_block_params(), false);
  ASSERT_TRUE(course.has_value());
  const auto& pv = course->block[index(Population::PV)];
  EXPECT_EQ(pv.front(), 0.0);
  EXPECT_GT(pv[40], pv[10]);
  auto qs = block_course(s, 237.73, default_block_params(), true);
  ASSERT_TRUE(qs.has_value());
  EXPECT_NEAR(qs->block[index(Population::E)][40], 0.78 / (0.78 + 4.0), 1e-3);
}

TEST(BrainReceptorBlock, BadInputNamesTheField) {
  auto params = default_block_params();
  params.p_open[index(Population::PV)] = 1.5;
  EXPECT_EQ(check(params).error().field, "p_open.PV");
  params = default_block_params();
  params.kinetics[index(Population::E)].k_on_per_um_s = 0;
  EXPECT_EQ(check(params).error().field, "kinetics.E.k_on");
  auto bad = block_course({0, 2, 1}, {0, 0, 0}, default_block_params(), false);
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().field, "times");
  EXPECT_EQ(block_course({0, 1}, {0, -1}, default_block_params(), false).error().field, "ce");
}

}  // namespace
}  // namespace kc::brain
