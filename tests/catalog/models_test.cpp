#include "catalog/models.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace kc::catalog {
namespace {

const std::filesystem::path kData = std::filesystem::path(KC_SOURCE_DIR) / "data";

TEST(ModelCatalog, EveryShippedModelLoadsAndValidates) {
  auto c = load_models(kData);
  ASSERT_TRUE(c) << c.error().message;
  EXPECT_EQ(c->default_model, "domino");
  EXPECT_GE(c->models.size(), 6u);
  for (const auto& m : c->models) {
    EXPECT_TRUE(pharm::validate(m)) << m.id;
    EXPECT_FALSE(m.citation.empty()) << m.id;
    for (const auto& [p, v] : m.disposition) EXPECT_FALSE(v.source.empty()) << m.id;
  }
}

TEST(ModelCatalog, DominoIsReadAsPublished) {
  auto c = load_models(kData);
  const auto* m = *c->find("domino");
  const auto p = pharm::typical_params(*m, {70, {}});
  const auto micro = pharm::to_micro(p);
  EXPECT_NEAR(micro.v1_l, 0.063 * 70, 1e-12);
  EXPECT_NEAR(micro.k10, 0.438, 1e-12);
  EXPECT_NEAR(micro.k12, 0.592, 1e-12);
  EXPECT_NEAR(micro.k31, 0.0146, 1e-12);
}

TEST(ModelCatalog, HerdScalesAllometrically) {
  auto c = load_models(kData);
  const auto* m = *c->find("herd");
  const auto p = pharm::typical_params(*m, {35, {}});
  EXPECT_NEAR(p.v1_l, 38.7 / 2, 1e-9);
  EXPECT_NEAR(p.cl_l_per_min, 90.0 / 60 * std::pow(0.5, 0.75), 1e-12);
  ASSERT_TRUE(m->ke0_per_min);
  EXPECT_NEAR(m->ke0_per_min->value, 3.78, 1e-9);
}

TEST(ModelCatalog, UnknownModelNamesTheKnownOnes) {
  auto c = load_models(kData);
  auto m = c->find("nosuch");
  ASSERT_FALSE(m);
  EXPECT_EQ(m.error().code, ErrorCode::not_found);
  EXPECT_NE(m.error().message.find("domino"), std::string::npos);
}

struct BrokenCase {
  const char* patch_from;
  const char* patch_to;
  const char* field;
};

class BrokenModelFile : public ::testing::TestWithParam<BrokenCase> {};

// Loading names the file and the field of every mistake.
TEST_P(BrokenModelFile, IsRefusedNamingFileAndField) {
  std::ifstream in(kData / "models" / "herd.json");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const auto at = text.find(GetParam().patch_from);
  ASSERT_NE(at, std::string::npos);
  text.replace(at, std::string(GetParam().patch_from).size(), GetParam().patch_to);
  auto doc = nlohmann::json::parse(text);
  auto spec = parse_model(doc, "herd", "herd.json");
  ASSERT_FALSE(spec);
  EXPECT_EQ(spec.error().field, GetParam().field);
  EXPECT_NE(spec.error().message.find("herd.json"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BrokenModelFile,
    ::testing::Values(BrokenCase{"\"38.7L\"", "\"38.7\"", "parameters.v1.value"},
                      BrokenCase{"\"38.7L\"", "\"38.7L/kg\"", "parameters.v1.value"},
                      BrokenCase{"\"38.7L\"", "\"-38.7L\"", "parameters.v1.value"},
                      BrokenCase{"\"90L/h\"", "\"90mg/h\"", "parameters.cl.value"},
                      BrokenCase{"\"compartments\": 2", "\"compartments\": 4", "compartments"},
                      BrokenCase{"\"compartments\": 2", "\"compartments\": 3", "parameters.v3"},
                      BrokenCase{"\"64%\"", "\"640%\"", "variability.v1"},
                      BrokenCase{"\"population\"", "\"populaton\"", "populaton"},
                      BrokenCase{"\"ke0\":", "\"keo\":", "effect_site.keo"},
                      BrokenCase{"\"allometric\"", "\"linear\"", "scaling.type"},
                      BrokenCase{"\"1.3kg\"", "\"1.3\"", "validity.weight.min"}));

}  // namespace
}  // namespace kc::catalog
