#pragma once
// The validation targets of issue 14 for the brain model, computed
// (brain_targets_*.cpp by layer). Deterministic: no timing, fixed seeds.
#include <string>
#include <vector>

#include "cli/brain_course.h"

namespace kc::cli {

enum class TargetKind { hard, soft, not_covered };

struct Target {
  std::string id, what, source, criterion;
  TargetKind kind = TargetKind::not_covered;
  std::string simulated;  // the computed value(s), or why not covered
  bool pass = false;      // hard only
  std::string residual;   // soft only
};

// The three kinds of row, for the layer files.
inline Target hard(std::string id, std::string what, std::string source, std::string criterion,
                   std::string simulated, bool pass) {
  return {std::move(id), std::move(what), std::move(source), std::move(criterion), TargetKind::hard,
          std::move(simulated), pass, ""};
}
inline Target soft(std::string id, std::string what, std::string source, std::string criterion,
                   std::string simulated, std::string residual) {
  return {std::move(id), std::move(what), std::move(source), std::move(criterion), TargetKind::soft,
          std::move(simulated), false, std::move(residual)};
}
inline Target uncovered(std::string id, std::string what, std::string source, std::string why) {
  return {std::move(id), std::move(what), std::move(source), "", TargetKind::not_covered, std::move(why), false, ""};
}

Result<std::vector<Target>> brain_targets(const PharmData& data);

// By layer (each appends in the order of the target ids).
Result<void> pk_targets(const PharmData& data, std::vector<Target>& out);
Result<void> receptor_targets(std::vector<Target>& out);
void circuit_targets(std::vector<Target>& out);
Result<void> plasticity_targets(const PharmData& data, std::vector<Target>& out);
Result<void> symptom_targets(const PharmData& data, std::vector<Target>& out);
Result<void> glutamate_target(const PharmData& data, std::vector<Target>& out);
void simulator_targets(std::vector<Target>& out);

// The standard course: 70 kg, 0.5 mg/kg over 40 min, repeated `repeat` times
// `every_min` apart, on the default model; cohort of 1000 (0 for none).
Result<CourseResult> standard_course(const PharmData& data, const std::string& dose_per_kg, int repeat,
                                            double every_min, double until_min, int cohort,
                                            bool rapamycin = false, std::optional<double> delete_spines_min = {});

}  // namespace kc::cli
