// data/reference_ranges.json: the shipped ranges as the reference gives them
// (pharmacology.md §4.2: Zanos 2018 Table 1), and every mistake in the file
// refused naming the file and the field.
#include "catalog/reference_ranges.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "catalog/models.h"

namespace kc::catalog {
namespace {

const std::filesystem::path kData = std::filesystem::path(KC_SOURCE_DIR) / "data";

const pharm::ModelCatalog& models() {
  static const auto loaded = load_models(kData).value();
  return loaded;
}

const pharm::ReferenceRange* named(const pharm::ReferenceRanges& all, std::string_view id) {
  for (const auto& r : all.ranges)
    if (r.id == id) return &r;
  return nullptr;
}

TEST(ReferenceRanges, TheShippedFileHoldsTheReferenceNumbersWithTheirSource) {
  auto all = load_reference_ranges(kData, models());
  ASSERT_TRUE(all) << all.error().message;
  const auto* dissociation = named(*all, "dissociation");
  ASSERT_NE(dissociation, nullptr);
  EXPECT_EQ(dissociation->drug, "ketamine");
  EXPECT_EQ(dissociation->role, pharm::RangeRole::display);
  EXPECT_EQ(dissociation->low_ng_ml, 100);   // pharmacology.md §4.2 [V] Zanos 2018 Table 1
  EXPECT_EQ(dissociation->high_ng_ml, 250);
  EXPECT_EQ(dissociation->source, "Zanos 2018");
  const auto* anaesthetic = named(*all, "anaesthetic");
  ASSERT_NE(anaesthetic, nullptr);
  EXPECT_EQ(anaesthetic->role, pharm::RangeRole::alert);
  EXPECT_EQ(anaesthetic->low_ng_ml, 1200);   // pharmacology.md §4.2 [V] Zanos 2018 Table 1 (5-10 uM)
  EXPECT_EQ(anaesthetic->high_ng_ml, 2400);
  EXPECT_EQ(anaesthetic->source, "Zanos 2018");
  EXPECT_TRUE(all->for_drug("esketamine").empty());
  EXPECT_EQ(all->for_drug("ketamine", pharm::RangeRole::display).size(), 1u);
}

TEST(ReferenceRanges, AMissingFileIsNotFound) {
  auto all = load_reference_ranges(std::filesystem::temp_directory_path() / "kc_no_such_dir", models());
  ASSERT_FALSE(all);
  EXPECT_EQ(all.error().code, ErrorCode::not_found);
}

struct BrokenCase {
  const char* patch_from;
  const char* patch_to;
  const char* field;
};

class BrokenRangeFile : public ::testing::TestWithParam<BrokenCase> {};

TEST_P(BrokenRangeFile, IsRefusedNamingFileAndField) {
  std::ifstream in(kData / "reference_ranges.json");
  std::string text((std::istreambuf_iterator<char>(in)), {});
  const auto at = text.find(GetParam().patch_from);
  ASSERT_NE(at, std::string::npos) << GetParam().patch_from;
  text.replace(at, std::string(GetParam().patch_from).size(), GetParam().patch_to);
  auto all = parse_reference_ranges(nlohmann::json::parse(text), "reference_ranges.json", models());
  ASSERT_FALSE(all);
  EXPECT_EQ(all.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(all.error().field, GetParam().field);
  EXPECT_NE(all.error().message.find("reference_ranges.json"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(
    Table, BrokenRangeFile,
    ::testing::Values(BrokenCase{"\"low\": 100", "\"low\": \"100\"", "ranges.dissociation.range.low"},
                      BrokenCase{"\"high\": 250", "\"high\": 90", "ranges.dissociation.range.high"},
                      BrokenCase{"\"low\": 100", "\"low\": -1", "ranges.dissociation.range.low"},
                      BrokenCase{"\"unit\": \"ng/mL\"", "\"unit\": \"ug/mL\"", "ranges.dissociation.range.unit"},
                      BrokenCase{"\"role\": \"display\"", "\"role\": \"shade\"", "ranges.dissociation.role"},
                      BrokenCase{"\"drug\": \"ketamine\"", "\"drug\": \"propofol\"", "ranges.dissociation.drug"},
                      BrokenCase{"\"source\": \"Zanos 2018\"", "\"source\": \"Zanos P et al.\"",
                                 "ranges.dissociation.range.source"},
                      BrokenCase{"\"evidence\": \"[V]\"", "\"evidence\": \"V\"", "ranges.dissociation.range.evidence"},
                      BrokenCase{"\"label\":", "\"lable\":", "ranges.dissociation.lable"},
                      BrokenCase{"\"ranges\":", "\"range\":", "range"}));

}  // namespace
}  // namespace kc::catalog
