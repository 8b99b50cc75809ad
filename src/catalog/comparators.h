#pragma once
// data/validation/comparators.json: published measured values that the models
// are compared with in docs/validation.md (`ketaclinic validate`).
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "pharm/benchmark.h"

namespace kc::catalog {

enum class Measure { cp_at, auc_inf, css, tmax, clearance };

struct Comparator {
  std::string id, title, drug, caveat;
  double weight_kg = 70;
  // Regimen as the command line would type it (parsed by the caller).
  std::optional<std::string> bolus, infusion_dose, infusion_rate, infusion_over, extravascular;
  Measure measure = Measure::cp_at;
  std::optional<double> at_min;
  std::optional<double> measured;          // in the measure's unit
  std::string measured_source;
  std::optional<double> range_low, range_high;
  std::string range_source, unit;
};

Result<std::vector<Comparator>> load_comparators(const std::filesystem::path& data_dir);

// The comparators every prediction shows its deviation from: a measured Cp at a time
// after one infusion given per kg (the standard depression protocol's 185 ng/mL).
Result<std::vector<pharm::Benchmark>> benchmarks_of(const std::vector<Comparator>& comparators);
Result<std::vector<pharm::Benchmark>> load_benchmarks(const std::filesystem::path& data_dir);

}  // namespace kc::catalog
