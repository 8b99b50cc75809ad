#include "pharm/occupancy.h"

#include <algorithm>
#include <cmath>

namespace kc::pharm {

double nmda_occupancy(double cp_ng_ml, const ReceptorBinding& b) {
  const double cu = b.fraction_unbound * ng_ml_to_um(std::max(cp_ng_ml, 0.0), b.molecular_weight_g_per_mol);
  if (b.hill == 1.0) return cu / (cu + b.ki_um);
  const double x = std::pow(cu / b.ki_um, b.hill);
  return x / (1 + x);
}

}  // namespace kc::pharm
