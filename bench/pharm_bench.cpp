// Speed goals of the pharmacology engine (docs/performance.md):
// one typical patient, 24 h at 1-min resolution, under 50 us.
#include <benchmark/benchmark.h>

#include "pharm/disposition.h"
#include "pharm/population.h"
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

// A population of 100,000 patients, 24 h at 1-min resolution, summary metrics and
// percentile bands; the argument is the number of threads.
void BM_Population100k24h1min(benchmark::State& state) {
  MicroConstants m{3, 0.063, 0.438, 0.592, 0.247, 0.590, 0.0146};
  ModelSpec spec;
  spec.compartments = 3;
  spec.scaling = Scaling::per_kg;
  const PkParams per_kg = from_micro(m);
  for (Param p : kParams) spec.disposition[p] = {per_kg[p], ""};
  PopulationOptions o;
  o.patients = 100000;
  o.threads = static_cast<unsigned>(state.range(0));
  o.cv = {{Param::v1, 0.3}, {Param::cl, 0.3}, {Param::v2, 0.3}, {Param::q2, 0.3}};
  o.threshold_ng_ml = 100;
  const Regimen r{{}, {Infusion{0, 40, 0.875, true}}, {}};
  const auto grid = *uniform_grid(1440, 1);
  for (auto _ : state) {
    auto run = simulate_population(spec, {70, {}}, 0.652, r, grid, o);
    benchmark::DoNotOptimize(run->bands[1].cp_ng_ml[40]);
  }
  state.counters["patients_per_s"] = benchmark::Counter(100000.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_Population100k24h1min)->Arg(1)->Arg(2)->ArgName("threads")->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
