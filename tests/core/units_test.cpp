#include "core/units.h"

#include <gtest/gtest.h>

namespace kc::units {
namespace {

TEST(Units, ParsesMassesInBaseMilligrams) {
  EXPECT_DOUBLE_EQ(*parse_mass_mg("35mg", "dose"), 35.0);
  EXPECT_DOUBLE_EQ(*parse_mass_mg("0.5 g", "dose"), 500.0);
  EXPECT_DOUBLE_EQ(*parse_mass_mg("250ug", "dose"), 0.25);
  EXPECT_DOUBLE_EQ(*parse_mass_mg("250\u00b5g", "dose"), 0.25);
  EXPECT_DOUBLE_EQ(*parse_mass_mg("250mcg", "dose"), 0.25);
}

TEST(Units, ParsesWeightsInKilograms) {
  EXPECT_DOUBLE_EQ(*parse_weight_kg("70kg", "weight"), 70.0);
  EXPECT_NEAR(*parse_weight_kg("154lb", "weight"), 69.853225, 1e-6);
}

TEST(Units, ParsesDurationsInMinutes) {
  EXPECT_DOUBLE_EQ(*parse_duration_min("40min", "over"), 40.0);
  EXPECT_DOUBLE_EQ(*parse_duration_min("2h", "until"), 120.0);
  EXPECT_DOUBLE_EQ(*parse_duration_min("10s", "update"), 10.0 / 60);
  EXPECT_DOUBLE_EQ(*parse_duration_min("1d", "until"), 1440.0);
}

TEST(Units, DosePerKilogramIsNotDimensionless) {
  auto d = parse_dose("0.5mg/kg", "infuse");
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->per_kg);
  EXPECT_DOUBLE_EQ(d->mg_for(70), 35.0);
  auto lb = parse_dose("1mg/lb", "infuse");
  ASSERT_TRUE(lb);
  EXPECT_NEAR(lb->mg_for(1), 1 / kKgPerLb, 1e-12);
  auto plain = parse_dose("35mg", "infuse");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->per_kg);
}

TEST(Units, RatesAndConcentrations) {
  EXPECT_DOUBLE_EQ(*parse_concentration_ng_per_ml("200ng/mL", "target"), 200.0);
  EXPECT_DOUBLE_EQ(*parse_concentration_ng_per_ml("0.2ug/mL", "target"), 200.0);
  EXPECT_DOUBLE_EQ(*parse_concentration_ng_per_ml("0.2mg/L", "target"), 200.0);
  EXPECT_DOUBLE_EQ(*parse_concentration_mg_per_ml("10mg/mL", "syringe"), 10.0);
  EXPECT_DOUBLE_EQ(*parse_rate_constant_per_min("0.652/min", "ke0"), 0.652);
  EXPECT_DOUBLE_EQ(*parse_rate_constant_per_min("60/h", "ke0"), 1.0);
  EXPECT_DOUBLE_EQ(*parse_fraction("30%", "cv"), 0.3);
  auto r = parse_dose_rate("0.75mg/kg/h", "rate");
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->per_kg);
  EXPECT_DOUBLE_EQ(r->value, 0.75 / 60);
  EXPECT_DOUBLE_EQ(*parse_as("1200mL/h", kVolumeRate, "max-rate"), 20.0);
}

struct BadCase {
  const char* text;
  Dimension want;
};

class UnitsRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(UnitsRejects, WithInvalidArgumentNamingTheField) {
  auto r = parse_as(GetParam().text, GetParam().want, "weight");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(r.error().field, "weight");
  EXPECT_NE(r.error().message.find("weight"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Table, UnitsRejects,
                         ::testing::Values(BadCase{"70", kMass}, BadCase{"", kMass},
                                           BadCase{"kg", kMass}, BadCase{"70 stone", kMass},
                                           BadCase{"70min", kMass}, BadCase{"0.5mg/kg", kMass},
                                           BadCase{"nan kg", kMass}, BadCase{"1e999kg", kMass},
                                           BadCase{"70kg/", kMass}, BadCase{"40", kTime},
                                           BadCase{"40mg", kTime}, BadCase{"5/", kPerTime}));

}  // namespace
}  // namespace kc::units
