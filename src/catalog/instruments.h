#pragma once
// The instrument catalogue: data/instruments/*.json, one questionnaire per file,
// shaped after FHIR Questionnaire plus our `scoring` and `outcomes` blocks
// (format and the licence status of each instrument: docs/instruments.md).
// Loading checks every field and refuses unknown ones; an error names the file
// and the field (ErrorCode::invalid_argument), e.g.
// "data/instruments/phq9.json: scoring.bands.ranges[2].max: must be an integer".
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "clinic/measures/instrument.h"
#include "core/error.h"

namespace kc::catalog {

struct InstrumentCatalog {
  std::vector<measures::Instrument> instruments;  // sorted by id

  // ErrorCode::not_found naming the field "instrument" and listing the known ids.
  Result<const measures::Instrument*> find(std::string_view id) const;
};

Result<measures::Instrument> parse_instrument(const nlohmann::json& doc, const std::string& file_label);

// Every data_dir/instruments/*.json; each file's `id` must equal its stem.
Result<InstrumentCatalog> load_instruments(const std::filesystem::path& data_dir);

}  // namespace kc::catalog
