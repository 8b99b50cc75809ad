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
#include "pharm/model.h"
#include "pharm/occupancy.h"

namespace kc::catalog {

struct DrugSpec {
  std::string id;    // "ketamine", "esketamine"
  std::string name;  // "racemic ketamine"
  pharm::Sourced molecular_weight_g_per_mol, fraction_unbound, nmda_ki_um, hill;
  pharm::ReceptorBinding binding() const;
};

struct ModelCatalog {
  std::vector<pharm::ModelSpec> models;  // sorted by id
  std::map<std::string, DrugSpec> drugs;
  std::string default_model;

  // ErrorCode::not_found naming the field "model" and listing the known ids.
  Result<const pharm::ModelSpec*> find(std::string_view id) const;
  const DrugSpec& drug_of(const pharm::ModelSpec& model) const;
};

Result<pharm::ModelSpec> parse_model(const nlohmann::json& doc, const std::string& id,
                                     const std::string& file_label);
Result<ModelCatalog> load_models(const std::filesystem::path& data_dir);

// Where data/ is: $KETACLINIC_DATA_DIR, else the source tree's data/ that the
// binary was built from, else ../share/ketaclinic/data next to the executable.
std::filesystem::path default_data_dir();

}  // namespace kc::catalog
