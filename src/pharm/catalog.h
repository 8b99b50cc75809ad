#pragma once
// The loaded model catalogue as a value: the published models and, per drug,
// the constants the occupancy display needs. src/catalog reads it from data/
// (docs/models.md) once at start-up; the core and the API only look things up.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "pharm/model.h"
#include "pharm/occupancy.h"

namespace kc::pharm {

struct DrugSpec {
  std::string id;    // "ketamine", "esketamine"
  std::string name;  // "racemic ketamine"
  Sourced molecular_weight_g_per_mol, fraction_unbound, nmda_ki_um, hill;
  ReceptorBinding binding() const;
};

struct ModelCatalog {
  std::vector<ModelSpec> models;  // sorted by id
  std::map<std::string, DrugSpec> drugs;
  std::string default_model;

  // ErrorCode::not_found naming the field "model" and listing the known ids.
  Result<const ModelSpec*> find(std::string_view id) const;
  // Contract: the model's drug is in `drugs` (the loader checks every model).
  const DrugSpec& drug_of(const ModelSpec& model) const;
};

}  // namespace kc::pharm
