// The spiking engine on the Brette et al. 2007 benchmark networks (4000
// neurons, 1 s of biological time per iteration, network construction
// included); and a six-infusion course through L2-L5 (BM_Course). Counters: spikes, synaptic events per second of wall time and the
// mean rate, so a speed-up that changes the dynamics shows.
#include <benchmark/benchmark.h>

#include <cmath>

#include "brain/course.h"
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

// Six 40-min infusions 3.5 days apart reaching 0.78 uM, 2.5-h half-life
// (a synthetic stand-in for L1, which needs the model catalogue), 14 days after
// the last, on a 1-min grid: L2 -> L5 for the typical patient, plus a cohort of
// state.range(0) patients.
void BM_Course(benchmark::State& state) {
  std::vector<double> t_min, ce_um;
  const double every = 3.5 * 1440, half = 150;
  for (int i = 0; i <= static_cast<int>(5 * every + 14 * 1440); ++i) {
    double ce = 0;
    for (int k = 0; k < 6; ++k) {
      const double since = i - k * every;
      if (since >= 0) ce += since <= 40 ? 0.78 * since / 40 : 0.78 * std::exp(-std::log(2.0) * (since - 40) / half);
    }
    t_min.push_back(i);
    ce_um.push_back(ce);
  }
  const kc::brain::CourseParams params;
  for (auto _ : state) {
    auto c = kc::brain::run_course(t_min, ce_um, params);
    if (!c) {
      state.SkipWithError(c.error().message.c_str());
      return;
    }
    if (state.range(0) > 0) {
      auto cohort = kc::brain::cohort_course(kc::brain::symptom_drive(*c, params.plasticity), params.symptoms, {},
                                             static_cast<int>(state.range(0)), 1);
      benchmark::DoNotOptimize(cohort->response_drug.back());
    }
    benchmark::DoNotOptimize(c->madrs.back());
  }
}

BENCHMARK(BM_Coba)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Cuba)->Arg(1)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Course)->Arg(0)->Arg(200)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
