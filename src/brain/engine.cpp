#include "brain/engine.h"

#include <algorithm>
#include <array>
#include <barrier>
#include <cmath>
#include <thread>

#include "brain/connectivity.h"
#include "brain/detail/kernels.h"

namespace kc::brain {
namespace {

using detail::Constants;
using detail::State;

Result<void> check_options(const NetworkSpec& spec, const RunOptions& o) {
  if (!(o.duration_ms > 0 && o.duration_ms <= 3.6e6))
    return fail(ErrorCode::invalid_argument, "duration", "duration: must be in (0, 1 h]");
  if (o.threads < 1 || o.threads > 64)
    return fail(ErrorCode::invalid_argument, "threads", "threads: must be 1 to 64");
  if (!(o.bin_ms >= spec.dt_ms)) return fail(ErrorCode::invalid_argument, "bin", "bin: must be at least dt");
  return {};
}

// What the step's spikes add to the totals; called by one thread per step.
class Recorder {
 public:
  Recorder(const NetworkSpec& spec, const Connectivity& c, const RunOptions& o, std::uint64_t steps, RunResult& r)
      : c_(c), r_(r), record_(o.record_spikes), e_end_(spec.size[0]),
        bin_steps_(std::max<std::uint64_t>(1, static_cast<std::uint64_t>(std::llround(o.bin_ms / spec.dt_ms)))) {
    r_.e_spikes_per_bin.assign((steps + bin_steps_ - 1) / bin_steps_, 0);
    r_.spikes_per_neuron.assign(spec.neurons(), 0);
    for (auto p : kPopulations) pop_end_[index(p)] = spec.first(p) + spec.size[index(p)];
  }

  void add(std::uint64_t step, std::span<const std::uint32_t> spiked) {
    for (const auto i : spiked) {
      r_.synaptic_events += c_.row_begin[i + 1] - c_.row_begin[i];
      const auto pop = static_cast<std::size_t>(std::upper_bound(pop_end_.begin(), pop_end_.end(), i) -
                                                pop_end_.begin());
      ++r_.population_spikes[pop];
      ++r_.spikes_per_neuron[i];
      if (i < e_end_) ++r_.e_spikes_per_bin[step / bin_steps_];
      if (record_) {
        r_.train.step.push_back(static_cast<std::uint32_t>(step));
        r_.train.neuron.push_back(i);
      }
    }
    r_.spikes += spiked.size();
  }

 private:
  const Connectivity& c_;
  RunResult& r_;
  bool record_;
  std::uint32_t e_end_;
  std::uint64_t bin_steps_;
  PerPopulation<std::uint32_t> pop_end_{};
};

void run_single(const Constants& k, const Connectivity& c, State& s, std::uint64_t steps, Recorder& rec) {
  std::vector<std::uint32_t> spiked;
  const auto n = static_cast<std::uint32_t>(s.v_mV.size());
  for (std::uint64_t step = 0; step < steps; ++step) {
    spiked.clear();
    detail::update(k, s, 0, n, static_cast<std::int64_t>(step), spiked);
    detail::deliver(k, c, s, spiked, 0, n, true);
    rec.add(step, spiked);
  }
}

// One barrier per step: spike lists are double-buffered, so a thread may start
// the next update while another still reads this step's lists.
void run_threaded(const Constants& k, const Connectivity& c, State& s, std::uint64_t steps, unsigned threads,
                  Recorder& rec) {
  const auto n = static_cast<std::uint32_t>(s.v_mV.size());
  std::vector<std::uint32_t> bounds(threads + 1);
  for (unsigned t = 0; t <= threads; ++t)
    bounds[t] = static_cast<std::uint32_t>(static_cast<std::uint64_t>(n) * t / threads);
  std::array<std::vector<std::vector<std::uint32_t>>, 2> lists;
  for (auto& l : lists) l.resize(threads);
  std::barrier sync(static_cast<std::ptrdiff_t>(threads));
  auto work = [&](unsigned t) {
    for (std::uint64_t step = 0; step < steps; ++step) {
      auto& mine = lists[step % 2][t];
      mine.clear();
      detail::update(k, s, bounds[t], bounds[t + 1], static_cast<std::int64_t>(step), mine);
      sync.arrive_and_wait();
      for (unsigned from = 0; from < threads; ++from)
        detail::deliver(k, c, s, lists[step % 2][from], bounds[t], bounds[t + 1], false);
      if (t == 0)
        for (unsigned from = 0; from < threads; ++from) rec.add(step, lists[step % 2][from]);
    }
  };
  std::vector<std::jthread> pool;
  for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
}

}  // namespace

Result<RunResult> simulate(const NetworkSpec& spec, const RunOptions& options) {
  KC_CHECK(check(spec));
  KC_CHECK(check_options(spec, options));
  const auto c = random_connectivity(spec.neurons(), spec.connection_probability, spec.seed);
  const auto k = detail::constants_for(spec);
  auto s = detail::initial_state(spec);
  RunResult r;
  r.steps = static_cast<std::uint64_t>(std::llround(options.duration_ms / spec.dt_ms));
  r.duration_ms = static_cast<double>(r.steps) * spec.dt_ms;
  r.synapses = c.synapses();
  r.synapse_bytes = c.bytes();
  Recorder rec(spec, c, options, r.steps, r);
  const unsigned threads = std::min<unsigned>(options.threads, std::max<std::uint32_t>(1, spec.neurons()));
  if (threads == 1) run_single(k, c, s, r.steps, rec);
  else run_threaded(k, c, s, r.steps, threads, rec);
  const double seconds = r.duration_ms * 1e-3;
  for (auto p : kPopulations) {
    const auto n = spec.size[index(p)];
    r.rate_hz[index(p)] = n ? static_cast<double>(r.population_spikes[index(p)]) / (n * seconds) : 0.0;
  }
  r.mean_rate_hz = static_cast<double>(r.spikes) / (spec.neurons() * seconds);
  return r;
}

}  // namespace kc::brain
