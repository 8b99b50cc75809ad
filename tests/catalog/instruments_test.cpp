// The shipped instrument files load, carry their codes, licences and evidence
// tags, and the loader refuses malformed files naming the file and the field.
#include "catalog/instruments.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "catalog/crisis_resources.h"
#include "catalog/json_fields.h"

namespace kc::catalog {
namespace {

const std::filesystem::path kData = std::filesystem::path(KC_SOURCE_DIR) / "data";

const InstrumentCatalog& shipped() {
  static const InstrumentCatalog catalog = [] {
    auto c = load_instruments(kData);
    if (!c) ADD_FAILURE() << c.error().message;
    return c ? *c : InstrumentCatalog{};
  }();
  return catalog;
}

const measures::Instrument& get(std::string_view id) {
  auto ins = shipped().find(id);
  EXPECT_TRUE(ins) << id;
  return **ins;
}

bool has_tag(const std::string& source) { return std::regex_search(source, std::regex(R"(\[(V|V-sec|U)\])")); }

TEST(Instruments, EveryShippedFileLoads) {
  std::vector<std::string> ids;
  for (const auto& ins : shipped().instruments) ids.push_back(ins.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"cadss6", "cssrs_screener", "gad7", "madrs", "medical_screening", "pcl5",
                                           "phq9"}));
}

TEST(Instruments, UnknownIdIsNotFoundListingTheKnownOnes) {
  auto r = shipped().find("phq10");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code, ErrorCode::not_found);
  EXPECT_EQ(r.error().field, "instrument");
  EXPECT_NE(r.error().message.find("phq9"), std::string::npos);
}

TEST(Instruments, ItemTextOnlyWhereTheLicenceAllowsIt) {  // clinical.md §5.4
  for (std::string_view id : {"phq9", "gad7", "pcl5", "medical_screening"}) {
    const auto& ins = get(id);
    EXPECT_TRUE(ins.licence.item_text_shipped) << id;
    for (const auto& item : ins.items) EXPECT_FALSE(item.text.empty()) << item.link_id;
  }
  for (std::string_view id : {"madrs", "cssrs_screener", "cadss6"}) {
    const auto& ins = get(id);
    EXPECT_FALSE(ins.licence.item_text_shipped) << id;
    for (const auto& item : ins.items) EXPECT_TRUE(item.text.empty()) << item.link_id;
  }
}

TEST(Instruments, LoincCodesOfTheReference) {  // clinical.md §5.3
  const auto& phq9 = get("phq9");
  EXPECT_EQ(phq9.codes.at(0).code, "44249-1");
  EXPECT_EQ(phq9.scoring.total->code->code, "44261-6");
  EXPECT_EQ(phq9.items.at(8).codes.at(0).code, "44260-8");
  EXPECT_EQ(phq9.items.at(0).options.at(3).coding->code, "LA6571-9");
  const auto& gad7 = get("gad7");
  EXPECT_EQ(gad7.codes.at(0).code, "69737-5");
  EXPECT_EQ(gad7.scoring.total->code->code, "70274-6");
  const auto& cssrs = get("cssrs_screener");
  EXPECT_EQ(cssrs.codes.at(0).code, "93373-9");
  EXPECT_EQ(cssrs.scoring.risk->code->code, "93374-7");
  EXPECT_EQ(cssrs.items.at(6).codes.at(0).code, "93269-9");
}

TEST(Instruments, RangesAndTotalsOfTheReference) {  // clinical.md §5.1
  const std::vector<std::pair<std::string_view, int>> max_totals = {
      {"phq9", 27}, {"gad7", 21}, {"pcl5", 80}, {"madrs", 60}, {"cadss6", 24}};
  for (const auto& [id, max] : max_totals) EXPECT_EQ(get(id).max_total(), max) << id;
  EXPECT_FALSE(get("cssrs_screener").scoring.total);
  EXPECT_FALSE(get("medical_screening").scoring.total);
  EXPECT_TRUE(get("pcl5").scoring.bands.empty());  // "no empirically derived severity ranges"
}

TEST(Instruments, EveryClinicalRuleCarriesAnEvidenceTag) {
  for (const auto& ins : shipped().instruments) {
    const auto& s = ins.scoring;
    std::vector<std::pair<std::string, std::string>> sources;  // what, source
    if (s.total) sources.emplace_back("total", s.total->source);
    if (!s.bands.empty()) sources.emplace_back("bands", s.bands_source);
    for (const auto& c : s.criteria) sources.emplace_back(c.id, c.source);
    for (const auto& f : s.flags) sources.emplace_back(f.flag.kind, f.flag.source);
    if (s.risk) {
      for (const auto& t : s.risk->tiers) {
        ASSERT_TRUE(t.flag) << t.id;
        sources.emplace_back(t.id, t.flag->source);
      }
    }
    if (ins.outcomes.response) sources.emplace_back("response", ins.outcomes.response->source);
    if (ins.outcomes.remission) sources.emplace_back("remission", ins.outcomes.remission->source);
    if (ins.id != "medical_screening") sources.emplace_back("licence", ins.licence.source);
    for (const auto& [what, source] : sources) EXPECT_TRUE(has_tag(source)) << ins.id << " " << what;
  }
}

TEST(CrisisResources, ShipThe988Lifeline) {
  auto r = load_crisis_resources(kData);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_FALSE(r->resources.empty());
  EXPECT_EQ(r->resources.front().id, "988");
  EXPECT_NE(r->resources.front().instructions.find("Call or text 988"), std::string::npos);
}

// ---- strictness: each case mutates the shipped PHQ-9 and names the field.

nlohmann::json phq9_doc() { return *read_json_file((kData / "instruments" / "phq9.json").string()); }

Error parse_error(const nlohmann::json& doc) {
  auto r = parse_instrument(doc, "phq9.json");
  EXPECT_FALSE(r);
  return r ? Error{} : r.error();
}

TEST(InstrumentLoader, RefusesUnknownFieldsNamingFileAndField) {
  auto doc = phq9_doc();
  doc["item"][2]["txt"] = "typo";
  const Error e = parse_error(doc);
  EXPECT_EQ(e.code, ErrorCode::invalid_argument);
  EXPECT_EQ(e.field, "item[2].txt");
  EXPECT_EQ(e.message.rfind("phq9.json: item[2].txt", 0), 0u) << e.message;
}

TEST(InstrumentLoader, RefusesItemTextWhenTheLicenceWithholdsIt) {
  auto doc = phq9_doc();
  doc["licence"]["item_text"] = "withheld";
  EXPECT_EQ(parse_error(doc).field, "item[0].text");
}

TEST(InstrumentLoader, RefusesBandsWithAGap) {
  auto doc = phq9_doc();
  doc["scoring"]["bands"]["ranges"][2]["min"] = 11;
  EXPECT_EQ(parse_error(doc).field, "scoring.bands.ranges[2]");
}

TEST(InstrumentLoader, RefusesUnknownLinkIds) {
  auto doc = phq9_doc();
  doc["scoring"]["total"]["items"][3] = "phq9_99";
  EXPECT_EQ(parse_error(doc).field, "scoring.total.items[3]");
  doc = phq9_doc();
  doc["scoring"]["flags"][0]["item"] = "phq9_99";
  EXPECT_EQ(parse_error(doc).field, "scoring.flags[0].item");
}

TEST(InstrumentLoader, RefusesOrdinalsThatSkipAValue) {
  auto doc = phq9_doc();
  doc["item"][0]["answerOption"][3]["ordinalValue"] = 4;
  EXPECT_EQ(parse_error(doc).field, "item[0].answerOption[3].ordinalValue");
}

TEST(InstrumentLoader, RefusesNonIntegerThresholds) {
  auto doc = phq9_doc();
  doc["scoring"]["flags"][0]["at_least"] = 1.5;
  EXPECT_EQ(parse_error(doc).field, "scoring.flags[0].at_least");
}

TEST(InstrumentLoader, RefusesAFlagOutsideTheItemRange) {
  auto doc = phq9_doc();
  doc["scoring"]["flags"][0]["at_least"] = 4;
  EXPECT_EQ(parse_error(doc).field, "scoring.flags[0].at_least");
}

TEST(InstrumentLoader, RefusesATierBoundBelowItsThreshold) {
  auto doc = phq9_doc();
  doc["scoring"]["flags"][0]["below"] = 1;  // at_least is 1: an empty tier
  EXPECT_EQ(parse_error(doc).field, "scoring.flags[0].below");
}

TEST(InstrumentLoader, RefusesAThresholdOnABlankAnswerRule) {
  auto doc = phq9_doc();
  doc["scoring"]["flags"][1]["at_least"] = 1;  // flags[1] is the blank item 9 rule
  EXPECT_EQ(parse_error(doc).field, "scoring.flags[1].at_least");
}

TEST(InstrumentLoader, RefusesProrationWithoutItsParameters) {
  auto doc = phq9_doc();
  doc["scoring"]["missing_items"]["rule"] = "prorate";
  doc["scoring"]["missing_items"].erase("proration");
  EXPECT_EQ(parse_error(doc).field, "scoring.missing_items.proration");
}

TEST(InstrumentLoader, RefusesSkipLogicOnALaterItem) {
  auto doc = *read_json_file((kData / "instruments" / "cssrs_screener.json").string());
  doc["item"][2]["enableWhen"][0]["question"] = "cssrs_6";
  auto r = parse_instrument(doc, "cssrs_screener.json");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "item[2].enableWhen[0].question");
}

TEST(InstrumentLoader, IdMustMatchTheFileName) {
  const auto dir = std::filesystem::temp_directory_path() / "kc_instruments_id_test";
  std::filesystem::create_directories(dir / "instruments");
  std::ofstream(dir / "instruments" / "depression.json") << phq9_doc().dump();
  auto r = load_instruments(dir);
  std::filesystem::remove_all(dir);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().field, "id");
}

}  // namespace
}  // namespace kc::catalog
