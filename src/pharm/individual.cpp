#include "pharm/individual.h"

namespace kc::pharm {

int Individual::depot_index(Route route) const {
  for (std::size_t i = 0; i < absorption.size(); ++i)
    if (absorption[i].route == route) return static_cast<int>(i);
  return -1;
}

Individual make_individual(const ModelSpec& spec, const PkParams& params,
                           std::optional<double> ke0_per_min) {
  Individual ind;
  ind.params = params;
  if (!ke0_per_min && spec.ke0_per_min) ke0_per_min = spec.ke0_per_min->value;
  ind.disposition = make_disposition(to_micro(params), ke0_per_min);
  for (const auto& [route, r] : spec.routes)
    ind.absorption.push_back(Absorption{route, r.ka_per_min.value, r.bioavailability.value});
  return ind;
}

}  // namespace kc::pharm
