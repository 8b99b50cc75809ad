#include "pharm/population.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <fmt/format.h>
#include <numeric>
#include <memory>
#include <thread>

#include "pharm/detail/histogram.h"
#include "pharm/detail/lanes.h"
#include "pharm/detail/timeline.h"
#include "pharm/detail/random.h"
#include "pharm/detail/step.h"
#include "pharm/individual.h"

namespace kc::pharm {
namespace {

using detail::LogHistogram;
using detail::ModalState;
using detail::Step;

constexpr double kNgPerMlPerMgPerL = 1000.0;
constexpr std::size_t kMaxTimes = 20000;
const char* const kMetricNames[] = {"cmax_ng_ml", "tmax_min", "auc_ng_h_ml", "auc_0_inf_ng_h_ml",
                                    "c_end_infusion_ng_ml", "time_above_threshold_min"};
constexpr int kMetrics = detail::kLaneMetrics;

struct Patient {
  double weight_kg = 0;
  std::optional<double> age_y;
  PkParams params;
};

double truncated_normal(detail::PatientStream& rng, double mean, double sd, const Range& range, double lo, double hi) {
  const double min = std::max(lo, range.min.value_or(lo)), max = std::min(hi, range.max.value_or(hi));
  for (int tries = 0; tries < 100; ++tries) {
    const double v = mean + sd * rng.normal();
    if (v >= min && v <= max) return v;
  }
  return std::clamp(mean, min, max);
}

Patient draw_patient(const ModelSpec& spec, const Covariates& typical, const PopulationOptions& o,
                     detail::PatientStream& rng) {
  Patient p{typical.weight_kg, typical.age_y, {}};
  if (o.weight_sd_kg) p.weight_kg = truncated_normal(rng, typical.weight_kg, *o.weight_sd_kg, spec.weight_kg, 0.3, 400);
  if (o.age_sd_y && typical.age_y) p.age_y = truncated_normal(rng, *typical.age_y, *o.age_sd_y, spec.age_y, 0, 120);
  p.params = typical_params(spec, {p.weight_kg, p.age_y});
  for (Param param : kParams) {  // fixed order keeps the stream reproducible
    auto it = o.cv.find(param);
    if (it == o.cv.end()) continue;
    const double omega = std::sqrt(std::log1p(it->second * it->second));
    p.params[param] *= std::exp(omega * rng.normal());
  }
  return p;
}

// Per-thread accumulators: the histogram rows of Cp and Ce.
struct Accumulator {
  LogHistogram cp, ce;
  explicit Accumulator(std::size_t rows, bool effect) : cp(rows), ce(effect ? rows : 0) {}
};

Result<void> check(const ModelSpec& spec, const Covariates& typical, const std::vector<double>& times,
                   const PopulationOptions& o) {
  auto bad = [](const char* field, std::string what) {
    return fail(ErrorCode::invalid_argument, field, fmt::format("{}: {}", field, what));
  };
  if (o.patients == 0 || o.patients > 10'000'000) return bad("patients", "must be between 1 and 10,000,000");
  for (std::size_t i = 0; i < o.percentiles.size(); ++i)
    if (!(o.percentiles[i] >= 0 && o.percentiles[i] <= 100) || (i > 0 && o.percentiles[i] <= o.percentiles[i - 1]))
      return bad("percentiles", "must be increasing values between 0 and 100");
  if (o.percentiles.empty()) return bad("percentiles", "give at least one");
  if (o.cv.empty() && !o.weight_sd_kg)
    return bad("cv", fmt::format("the {} model publishes no variability; give --cv (e.g. 30%) or a weight spread",
                                 spec.name));
  for (const auto& [p, cv] : o.cv)
    if (!(cv > 0 && cv < 5)) return bad("cv", "must be a fraction between 0 and 500 %");
  if (times.size() > kMaxTimes) return bad("step", fmt::format("at most {} output times for a population", kMaxTimes));
  if (o.weight_sd_kg && !(*o.weight_sd_kg >= 0)) return bad("weight_sd", "must be >= 0");
  if (o.age_sd_y && (!(*o.age_sd_y >= 0) || !typical.age_y)) return bad("age_sd", "needs --age and must be >= 0");
  return {};
}

MetricPercentiles summarise(const char* name, std::vector<double> v, const std::vector<double>& ps) {
  MetricPercentiles m{name, {}, NAN};
  std::erase_if(v, [](double x) { return std::isnan(x); });
  if (v.empty()) { m.values.assign(ps.size(), NAN); return m; }
  m.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
  for (double p : ps) {  // type 7: linear interpolation between order statistics
    const double rank = p / 100 * static_cast<double>(v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(rank));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
    const double a = v[lo];
    const double b = lo + 1 < v.size() ? *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lo) + 1, v.end()) : a;
    m.values.push_back(a + (rank - static_cast<double>(lo)) * (b - a));
  }
  return m;
}

}  // namespace

Result<PopulationRun> simulate_population(const ModelSpec& spec, const Covariates& typical,
                                          std::optional<double> ke0, const Regimen& regimen,
                                          const std::vector<double>& times, const PopulationOptions& o) {
  if (auto ok = check(spec, typical, times, o); !ok) return std::unexpected(ok.error());
  const Individual typical_ind = make_individual(spec, typical_params(spec, typical), ke0);
  auto exact = simulate(typical_ind, regimen, times, {o.threshold_ng_ml});
  if (!exact) return std::unexpected(exact.error());
  const detail::Timeline tl = detail::make_timeline(regimen, spec, times);
  const bool effect = typical_ind.disposition.ke0_per_min.has_value();
  const unsigned threads = o.threads ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<Accumulator> acc;
  for (unsigned i = 0; i < threads; ++i) acc.emplace_back(times.size(), effect);
  std::vector<detail::LaneMetrics> metrics(o.patients);
  std::atomic<std::size_t> next{0}, done{0};
  constexpr std::size_t kChunk = detail::Lanes::kCapacity;
  auto work = [&](unsigned w) {
    auto lanes = std::make_unique<detail::Lanes>(tl, effect, static_cast<int>(spec.routes.size()), o.threshold_ng_ml);
    std::vector<detail::LaneMetrics> out;
    for (std::size_t begin; (begin = next.fetch_add(kChunk)) < o.patients;) {
      const std::size_t end = std::min(begin + kChunk, o.patients);
      for (std::size_t i = begin; i < end; ++i) {
        detail::PatientStream rng(o.seed, i);
        const Patient p = draw_patient(spec, typical, o, rng);
        lanes->add(make_individual(spec, p.params, ke0), p.weight_kg / typical.weight_kg);
      }
      out.clear();
      lanes->run(acc[w].cp, &acc[w].ce, out);
      std::copy(out.begin(), out.end(), metrics.begin() + static_cast<std::ptrdiff_t>(begin));
      done.fetch_add(end - begin);
      if (w == 0 && o.progress) o.progress(done.load(), o.patients);
    }
  };
  std::vector<std::thread> pool;
  for (unsigned w = 1; w < threads; ++w) pool.emplace_back(work, w);
  work(0);
  for (auto& t : pool) t.join();
  if (o.progress) o.progress(o.patients, o.patients);
  for (unsigned w = 1; w < threads; ++w) { acc[0].cp.merge(acc[w].cp); if (effect) acc[0].ce.merge(acc[w].ce); }

  PopulationRun run;
  run.t_min = times;
  run.patients = o.patients;
  run.threads = threads;
  run.histogram_bin_relative_width = std::exp2(1.0 / LogHistogram::kBinsPerOctave) - 1;
  for (double p : o.percentiles) {
    Band b{p, {}, {}};
    for (std::size_t row = 0; row < times.size(); ++row) {
      b.cp_ng_ml.push_back(acc[0].cp.percentile(row, p, o.patients));
      if (effect) b.ce_ng_ml.push_back(acc[0].ce.percentile(row, p, o.patients));
    }
    run.bands.push_back(std::move(b));
  }
  for (int m = 0; m < kMetrics; ++m) {
    if (m == 5 && !o.threshold_ng_ml) continue;
    if (m == 4 && regimen.infusions.empty()) continue;
    std::vector<double> column(o.patients);
    for (std::size_t i = 0; i < o.patients; ++i) column[i] = metrics[i][static_cast<std::size_t>(m)];
    run.metrics.push_back(summarise(kMetricNames[m], std::move(column), o.percentiles));
  }
  run.typical = std::move(*exact);
  return run;
}

}  // namespace kc::pharm
