#pragma once
// One patient's model, ready to solve: modal disposition plus the absorption
// (bioavailability, ka) of each extravascular route the model supports.
#include <optional>
#include <vector>

#include "pharm/disposition.h"
#include "pharm/model.h"

namespace kc::pharm {

struct Absorption {
  Route route = Route::intranasal;
  double ka_per_min = 0;
  double bioavailability = 1;
};

struct Individual {
  Disposition disposition;
  std::vector<Absorption> absorption;  // at most one entry per route
  PkParams params;

  // Index into `absorption` for the route, or -1 when the model lacks it.
  int depot_index(Route route) const;
};

// ke0 overrides the model's published value when given; with neither there is no effect site.
Individual make_individual(const ModelSpec& spec, const PkParams& params,
                           std::optional<double> ke0_per_min);

// What the user asked for the effect site: a ke0, a time of peak effect, or nothing
// (then the model's published ke0, else its documented assumed t_peak).
struct EffectSiteChoice {
  std::optional<double> ke0_per_min;
  std::optional<double> tpeak_min;
};

struct EffectSite {
  std::optional<double> ke0_per_min;  // none: the model has neither ke0 nor t_peak
  std::string source;                 // where the value comes from, for every report
  bool assumed = false;               // true unless published or set by the user
};

// Errors: field "ke0" (not positive), "tpeak" (see ke0_from_tpeak), "effect"
// (both given). The typical patient's parameters are used for a t_peak.
Result<EffectSite> resolve_effect_site(const ModelSpec& spec, const PkParams& typical,
                                       const EffectSiteChoice& choice);

}  // namespace kc::pharm
