#include "pharm/catalog.h"

#include <fmt/format.h>

#include "core/contract.h"

namespace kc::pharm {

ReceptorBinding DrugSpec::binding() const {
  return {molecular_weight_g_per_mol.value, fraction_unbound.value, nmda_ki_um.value, hill.value};
}

Result<const ModelSpec*> ModelCatalog::find(std::string_view id) const {
  for (const auto& m : models)
    if (m.id == id) return &m;
  std::string known;
  for (const auto& m : models) known += (known.empty() ? "" : ", ") + m.id;
  return fail(ErrorCode::not_found, "model", fmt::format("model: unknown model '{}' (known: {})", id, known));
}

const DrugSpec& ModelCatalog::drug_of(const ModelSpec& model) const {
  auto it = drugs.find(model.drug);
  KC_EXPECT(it != drugs.end(), "every model's drug is in the catalogue");
  return it->second;
}

}  // namespace kc::pharm
