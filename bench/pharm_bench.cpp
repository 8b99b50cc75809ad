// Speed goals of the pharmacology engine (docs/performance.md):
// one typical patient, 24 h at 1-min resolution, under 50 us.
#include <benchmark/benchmark.h>

#include "pharm/disposition.h"
#include "pharm/solver.h"

namespace {

using namespace kc::pharm;

Individual domino70(bool effect) {
  MicroConstants m{3, 0.063 * 70, 0.438, 0.592, 0.247, 0.590, 0.0146};
  Individual ind;
  ind.params = from_micro(m);
  ind.disposition = make_disposition(m, effect ? std::optional<double>(0.652) : std::nullopt);
  return ind;
}

void BM_TypicalPatient24h1min(benchmark::State& state) {
  const Individual ind = domino70(state.range(0) != 0);
  const Regimen r{{}, {Infusion{0, 40, 0.875}}, {}};
  const auto grid = *uniform_grid(1440, 1);
  for (auto _ : state) {
    auto sim = simulate(ind, r, grid);
    benchmark::DoNotOptimize(sim->summary.cmax_ng_ml);
  }
}
BENCHMARK(BM_TypicalPatient24h1min)->Arg(0)->Arg(1)->ArgName("effect_site")->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
