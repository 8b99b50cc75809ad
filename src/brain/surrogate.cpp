#include "brain/surrogate.h"

#include <algorithm>

namespace kc::brain {

double relative_e_rate(const CircuitSurrogate& s, const PerPopulation<double>& block) {
  const double b_i = 0.5 * (block[index(Population::PV)] + block[index(Population::SST)]);
  return std::max(0.0, 1.0 + s.interneuron_gain * b_i - s.pyramidal_loss * block[index(Population::E)]);
}

}  // namespace kc::brain
