#pragma once
// data/safety/crisis_resources.json: what a client shows the patient at once
// when a submission raises an urgent safety flag (988 Suicide & Crisis Lifeline
// by default). Strictly read; errors name the file and the field.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "clinic/measures/safety.h"
#include "core/error.h"

namespace kc::catalog {

Result<measures::CrisisResources> parse_crisis_resources(const nlohmann::json& doc, const std::string& file_label);
Result<measures::CrisisResources> load_crisis_resources(const std::filesystem::path& data_dir);

}  // namespace kc::catalog
