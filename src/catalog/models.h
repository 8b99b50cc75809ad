#pragma once
// The model catalogue: data/models/*.json (one published model per file) and
// data/drugs.json (molecular weight, protein binding, NMDA affinity per drug).
// The file format is documented in docs/models.md. Loading validates every
// field; an error names the file and the field (ErrorCode::invalid_argument).
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "pharm/catalog.h"
#include "pharm/model.h"

namespace kc::catalog {

// The catalogue types are core values (pharm/catalog.h): the API and the use
// cases take the loaded catalogue without depending on this loader.
using DrugSpec = pharm::DrugSpec;
using ModelCatalog = pharm::ModelCatalog;

Result<pharm::ModelSpec> parse_model(const nlohmann::json& doc, const std::string& id,
                                     const std::string& file_label);
Result<ModelCatalog> load_models(const std::filesystem::path& data_dir);

// Where data/ is: $KETACLINIC_DATA_DIR, else the source tree's data/ that the
// binary was built from, else ../share/ketaclinic/data next to the executable.
std::filesystem::path default_data_dir();

}  // namespace kc::catalog
