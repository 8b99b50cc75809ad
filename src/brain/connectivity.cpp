#include "brain/connectivity.h"

#include <cmath>

#include "brain/detail/rng.h"
#include "core/contract.h"

namespace kc::brain {
namespace {
constexpr std::uint64_t kSaltConnect = 1;
}

Connectivity random_connectivity(std::uint32_t neurons, double p, std::uint64_t seed) {
  KC_EXPECT(p >= 0 && p <= 1, "connection probability must be in [0, 1]");
  Connectivity c;
  c.row_begin.reserve(neurons + 1);
  c.row_begin.push_back(0);
  const double expected = p * neurons * static_cast<double>(neurons);
  c.targets.reserve(static_cast<std::size_t>(expected + 6 * std::sqrt(expected + 1)));
  // The gap to the next connected candidate is geometric with success p.
  const double log_q = p < 1 ? std::log1p(-p) : 0;
  for (std::uint32_t pre = 0; pre < neurons; ++pre) {
    auto rng = detail::stream(seed, kSaltConnect, pre);
    if (p > 0) {
      double next = -1;
      while (true) {
        const double gap = p < 1 ? std::floor(std::log(detail::uniform_open0(rng)) / log_q) : 0;
        next += gap + 1;
        if (next >= neurons - 1) break;  // candidates are the neurons - 1 others
        const auto k = static_cast<std::uint32_t>(next);
        c.targets.push_back(k < pre ? k : k + 1);
      }
    }
    c.row_begin.push_back(c.targets.size());
  }
  c.targets.shrink_to_fit();
  return c;
}

}  // namespace kc::brain
