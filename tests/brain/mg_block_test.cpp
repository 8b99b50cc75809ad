// The Mg2+ block against the Jahr & Stevens 1990 formula, 1 / (1 + [Mg]/3.57 mM
// * exp(-0.062 V/mV)), evaluated independently (Python, double precision).
#include <gtest/gtest.h>

#include "brain/mg_block.h"

namespace kc::brain {
namespace {

struct MgCase {
  double v_mV, mg_mM, unblocked;
};

TEST(BrainMgBlock, MatchesTheJahrStevensValues) {
  const MgCase cases[] = {
      {-80, 1, 0.024424653027730656}, {-60, 1, 0.07962636879516466}, {-40, 1, 0.23015531834348293},
      {-20, 1, 0.5081406795158199},   {0, 1, 0.7811816192560176},    {20, 1, 0.9250180335521027},
      {-30, 2, 0.21745124124491},
  };
  for (const auto& c : cases)
    EXPECT_NEAR(mg_unblocked_fraction(c.v_mV, c.mg_mM), c.unblocked, 1e-12) << c.v_mV << " mV, " << c.mg_mM << " mM";
}

TEST(BrainMgBlock, NoMagnesiumMeansNoBlockAndDepolarisationRelievesIt) {
  EXPECT_DOUBLE_EQ(mg_unblocked_fraction(-70, 0), 1.0);
  for (double v = -100; v < 40; v += 5) EXPECT_LT(mg_unblocked_fraction(v), mg_unblocked_fraction(v + 5)) << v;
}

}  // namespace
}  // namespace kc::brain
