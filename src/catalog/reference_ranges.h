#pragma once
// data/reference_ranges.json: measured plasma ranges with their citations
// (format in docs/models.md, "Reference ranges"). Read once at start-up by the
// composition root and passed in as a pharm::ReferenceRanges. Every field is
// checked; an error names the file and the field (ErrorCode::invalid_argument).
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "pharm/catalog.h"
#include "pharm/reference_ranges.h"

namespace kc::catalog {

// `models` supplies the drug ids a range may name.
Result<pharm::ReferenceRanges> parse_reference_ranges(const nlohmann::json& doc, const std::string& file_label,
                                                      const pharm::ModelCatalog& models);
Result<pharm::ReferenceRanges> load_reference_ranges(const std::filesystem::path& data_dir,
                                                     const pharm::ModelCatalog& models);

}  // namespace kc::catalog
