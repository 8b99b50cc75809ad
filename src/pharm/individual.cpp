#include "pharm/individual.h"

#include <cmath>
#include <fmt/format.h>

#include "pharm/ke0.h"

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

Result<EffectSite> resolve_effect_site(const ModelSpec& spec, const PkParams& typical,
                                       const EffectSiteChoice& choice) {
  if (choice.ke0_per_min && choice.tpeak_min)
    return fail(ErrorCode::invalid_argument, "effect", "effect: give either --ke0 or --tpeak, not both");
  if (choice.ke0_per_min) {
    if (!(*choice.ke0_per_min > 0) || !std::isfinite(*choice.ke0_per_min))
      return fail(ErrorCode::invalid_argument, "ke0", "ke0: must be a positive rate constant");
    return EffectSite{choice.ke0_per_min, "set by the user", false};
  }
  if (choice.tpeak_min) {
    auto ke0 = ke0_from_tpeak(to_micro(typical), *choice.tpeak_min);
    if (!ke0) return std::unexpected(ke0.error());
    return EffectSite{*ke0, fmt::format("derived from a time of peak effect of {:g} min set by the user",
                                        *choice.tpeak_min),
                      false};
  }
  if (spec.ke0_per_min) return EffectSite{spec.ke0_per_min->value, spec.ke0_per_min->source, false};
  if (spec.assumed_tpeak_min) {
    auto ke0 = ke0_from_tpeak(to_micro(typical), spec.assumed_tpeak_min->value);
    if (!ke0) return std::unexpected(ke0.error());
    return EffectSite{*ke0,
                      fmt::format("ASSUMPTION, not a PD estimate: derived from an assumed time of peak effect "
                                  "of {:g} min. {}",
                                  spec.assumed_tpeak_min->value, spec.assumed_tpeak_min->source),
                      true};
  }
  return EffectSite{std::nullopt, "the model has no effect site", false};
}

}  // namespace kc::pharm
