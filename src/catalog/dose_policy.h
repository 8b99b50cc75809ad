#pragma once
// data/clinic/dose_policy.json: the clinic's dose caps (format and defaults in
// docs/dose-policy.md). Read once by the composition root and passed in as a
// pharm::DosePolicy. Every field is checked (unknown ones refused, units fixed,
// hard >= soft, a source for each number); an error names the file and the field
// (ErrorCode::invalid_argument).
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "pharm/dose_policy.h"

namespace kc::catalog {

Result<pharm::DosePolicy> parse_dose_policy(const nlohmann::json& doc, const std::string& file_label);
Result<pharm::DosePolicy> load_dose_policy(const std::filesystem::path& data_dir);

}  // namespace kc::catalog
