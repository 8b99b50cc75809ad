// The spiking engine on the Brette et al. 2007 benchmark networks (4000
// neurons, 1 s of biological time per iteration, network construction
// included). Counters: spikes, synaptic events per second of wall time and the
// mean rate, so a speed-up that changes the dynamics shows.
#include <benchmark/benchmark.h>

#include "brain/engine.h"

namespace {

void run_network(benchmark::State& state, kc::brain::NetworkSpec spec) {
  const kc::brain::RunOptions options{.duration_ms = 1000, .threads = static_cast<unsigned>(state.range(0))};
  double events = 0, spikes = 0, rate = 0;
  for (auto _ : state) {
    auto r = kc::brain::simulate(spec, options);
    if (!r) {
      state.SkipWithError(r.error().message.c_str());
      return;
    }
    events += static_cast<double>(r->synaptic_events);
    spikes += static_cast<double>(r->spikes);
    rate = r->mean_rate_hz;
    benchmark::DoNotOptimize(r->spikes);
  }
  state.counters["synaptic_events_per_s"] = benchmark::Counter(events, benchmark::Counter::kIsRate);
  state.counters["spikes"] = benchmark::Counter(spikes, benchmark::Counter::kAvgIterations);
  state.counters["mean_rate_hz"] = rate;
}

void BM_Coba(benchmark::State& state) { run_network(state, kc::brain::coba_benchmark()); }
void BM_Cuba(benchmark::State& state) { run_network(state, kc::brain::cuba_benchmark()); }

BENCHMARK(BM_Coba)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Cuba)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
