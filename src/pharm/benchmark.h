#pragma once
// A measured benchmark every prediction is compared with, so that no output
// hides how far its model is from a measurement: the end-of-infusion plasma
// level of the standard depression protocol, 185 ng/mL after 0.5 mg/kg over
// 40 min (data/validation/comparators.json, docs/validation.md). The model's
// own prediction of the benchmark is computed here, never written down. No I/O.
//
// Units: mg/kg, min, kg, ng/mL; doses are ketamine base.
#include <string>
#include <vector>

#include "core/error.h"
#include "pharm/model.h"

namespace kc::pharm {

// A constant-rate infusion per kg at a typical weight, Cp measured at one time.
struct Benchmark {
  std::string id;      // "depression_protocol"
  std::string drug;    // "ketamine"
  std::string title;   // "0.5 mg/kg IV over 40 min, Cp at the end of the infusion"
  std::string source;  // the measured value's citation
  double weight_kg = 70;
  double dose_mg_per_kg = 0, duration_min = 0, at_min = 0;
  double measured_ng_ml = 0;
};

struct BenchmarkDeviation {
  std::string id, title, source;
  double predicted_ng_ml = 0, measured_ng_ml = 0;
  double deviation_fraction = 0;  // (predicted - measured) / measured: +0.30 is 30 % above
  // "the Domino 1984 model predicts 240 ng/mL where 185 ng/mL was measured (+30 %) for 0.5 mg/kg ..."
  std::string text;
};

// The model's typical patient at the benchmark's weight given the benchmark's regimen.
// Errors: the solver's (ErrorCode::invalid_argument) for a malformed benchmark.
Result<BenchmarkDeviation> deviation(const ModelSpec& model, const Benchmark& benchmark);

// The deviations of the benchmarks measured for the model's drug, in order.
Result<std::vector<BenchmarkDeviation>> deviations(const ModelSpec& model, const std::vector<Benchmark>& benchmarks);

}  // namespace kc::pharm
