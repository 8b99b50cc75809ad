#pragma once
// data/eligibility/rules.json: the eligibility rule set (version, settings with
// units and sources, rules with conditions over screening answers and facts;
// format in docs/instruments.md). Loading checks every field, resolves answer
// link ids against the screening instrument the file names, and validates the
// set; errors name the file and the field (ErrorCode::invalid_argument).
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "catalog/instruments.h"
#include "clinic/measures/eligibility.h"
#include "core/error.h"

namespace kc::catalog {

Result<measures::RuleSet> parse_rule_set(const nlohmann::json& doc, const std::string& file_label,
                                         const InstrumentCatalog& instruments);
Result<measures::RuleSet> load_eligibility_rules(const std::filesystem::path& data_dir,
                                                 const InstrumentCatalog& instruments);

}  // namespace kc::catalog
