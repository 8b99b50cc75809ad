#include "pharm/benchmark.h"

#include <fmt/format.h>

#include <cmath>

#include "pharm/individual.h"
#include "pharm/regimen.h"
#include "pharm/solver.h"

namespace kc::pharm {

Result<BenchmarkDeviation> deviation(const ModelSpec& model, const Benchmark& b) {
  const PkParams typical = typical_params(model, Covariates{b.weight_kg, std::nullopt});
  const Individual ind = make_individual(model, typical, std::nullopt);
  Regimen r;
  r.infusions.push_back({0, b.duration_min, b.dose_mg_per_kg * b.weight_kg / b.duration_min, true});
  KC_TRY(auto sim, simulate(ind, r, {b.at_min}));
  BenchmarkDeviation d{b.id, b.title, b.source, sim.series.cp_ng_ml.front(), b.measured_ng_ml, 0, ""};
  d.deviation_fraction = (d.predicted_ng_ml - d.measured_ng_ml) / d.measured_ng_ml;
  d.text = fmt::format("the {} model predicts {:.0f} ng/mL where {:g} ng/mL was measured ({:+.0f} %); benchmark: {}",
                       model.name, d.predicted_ng_ml, d.measured_ng_ml, std::round(d.deviation_fraction * 100),
                       b.title);
  return d;
}

Result<std::vector<BenchmarkDeviation>> deviations(const ModelSpec& model, const std::vector<Benchmark>& benchmarks) {
  std::vector<BenchmarkDeviation> out;
  for (const auto& b : benchmarks) {
    if (b.drug != model.drug) continue;
    KC_TRY(auto d, deviation(model, b));
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace kc::pharm
