#pragma once
// One course through L1-L5 for the brain commands (`brain sim`, `brain validate`):
// the pharm prediction on a 1-minute grid, then src/brain's course and cohort.
#include <string>

#include "brain/course.h"
#include "cli/pharm_args.h"

namespace kc::cli {

struct CourseRequest {
  PatientArgs patient;
  RegimenArgs regimen;     // one dosing scheme ...
  int repeat = 1;          // ... given this many times
  double every_min = 0;    // this far apart (first to first)
  std::vector<double> starts_min;  // or at these times (then repeat/every are ignored)
  double until_min = 0;    // 0: 14 days after the last dose
  int cohort = 200;        // simulated patients for response rates (0: none)
  std::uint64_t seed = 1;
};

struct CourseResult {
  PatientSetup setup;
  pharm::Regimen regimen;
  std::vector<double> cp_ng_ml, ce_ng_ml;  // per minute; ce empty without an effect site
  brain::CourseTrace trace;
  std::optional<brain::CohortCourse> cohort;  // per minute when requested
};

// The pharm data is loaded by the caller (once). Errors name the option.
Result<CourseResult> run_brain_course(const CourseRequest& req, const PharmData& data, const brain::CourseParams& params);

void register_brain_sim(CLI::App& brain_cmd, int& exit_code);
void register_brain_validate(CLI::App& brain_cmd, int& exit_code);

}  // namespace kc::cli
