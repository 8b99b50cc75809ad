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

}  // namespace kc::pharm
