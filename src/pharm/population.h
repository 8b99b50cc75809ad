#pragma once
// Population prediction: N virtual patients with log-normal inter-individual
// variability, P_i = P_typ * exp(eta), eta ~ N(0, ln(1 + CV^2)) (the
// nlmixr2lib convention, docs/sources.md#nlmixr2lib), optionally with normally distributed weight and
// age (truncated to the model's validity range). Reproducible from a seed
// whatever the number of threads: patient i draws from its own stream.
//
// Percentile bands of Cp and Ce over time are read from per-time-point
// histograms with 128 log-spaced bins per doubling (bin width 0.54 %),
// interpolated within the bin; percentiles of the summary metrics are exact
// order statistics. Summary metrics are evaluated at the output times and dose
// events (Cmax at a grid point or an event, time above a threshold with linear
// interpolation between output points); the typical patient's exact solution
// is reported alongside.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "pharm/model.h"
#include "pharm/regimen.h"
#include "pharm/solver.h"

namespace kc::pharm {

struct PopulationOptions {
  std::size_t patients = 1000;
  std::uint64_t seed = 1;
  std::vector<double> percentiles{5, 50, 95};
  unsigned threads = 0;                  // 0: all cores
  std::map<Param, double> cv;            // variability per parameter (fraction)
  std::optional<double> weight_sd_kg;    // spread of weight around the typical patient's
  std::optional<double> age_sd_y;        // spread of age (needs a typical age)
  std::optional<double> threshold_ng_ml;
  // Called on the calling thread about every 1 % of the run with (done, total).
  std::function<void(std::size_t, std::size_t)> progress;
};

struct Band {
  double percentile = 50;
  std::vector<double> cp_ng_ml, ce_ng_ml;  // ce empty without an effect site
};

struct MetricPercentiles {
  std::string name;                 // "cmax_ng_ml", "tmax_min", ...
  std::vector<double> values;       // one per requested percentile
  double mean = 0;
};

struct PopulationRun {
  std::vector<double> t_min;
  std::vector<Band> bands;
  std::vector<MetricPercentiles> metrics;
  Simulation typical;               // exact solution for the typical patient
  std::size_t patients = 0;
  unsigned threads = 1;
  double histogram_bin_relative_width = 0;
};

// Errors: "patients" (0 or more than 10^7), "percentiles" (outside 0-100 or
// unsorted), "cv" (no variability at all), "step" (more than 20,000 output times),
// "weight_sd" / "age_sd" (negative; age spread without a typical age), plus those
// of simulate(). `regimen` is for the typical patient; per-kg amounts scale.
Result<PopulationRun> simulate_population(const ModelSpec& spec, const Covariates& typical,
                                          std::optional<double> ke0_per_min, const Regimen& regimen,
                                          const std::vector<double>& times_min,
                                          const PopulationOptions& options);

}  // namespace kc::pharm
