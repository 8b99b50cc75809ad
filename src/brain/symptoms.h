#pragma once
// L5: depressive symptoms (MADRS) by an indirect-response (turnover) model with
// an acute and a synaptic drive (issue 14's layered design, a design proposal; the turnover
// form is the standard one for delayed responses [@dayneka1993]):
//
//   MADRS(t) = M0 D(t) - P(t)
//   dD/dt = k_out (1 - E_acute) - k_out (1 + E_syn) D          (D = 1 at the depressed baseline)
//   E_acute = E_a X / (EC_a + X),   X = [A - 1]+  (acute circuit drive, A = AMPA drive / baseline)
//   E_syn   = E_s Y / (EC_s + Y),   Y = [S - S_dep]+  (new spines above the depressed density)
//   P(t) = P_max (1 - exp(-t/tau_on)) exp(-t/tau_off)   placebo/expectancy, t from the first dose
//
// The placebo arm is the same patient without drug (D = 1). MADRS is kept in
// [0, 60]. Response is a fall of at least 50 % from M0, remission MADRS <= 10
// (definitions differ between trials). A cohort draws M0, E_a,
// E_s, EC_s, P_max per patient (log-normal gains, normal M0 and P_max) from a
// seed; the same seed gives the same cohort on every platform (own generator).
// Every number is a FREE parameter calibrated to the symptom targets S-1 to S-9
// (docs/brain.md); M0 follows typical trial baselines (25-38). No I/O.
#include <cstdint>
#include <vector>

#include "core/error.h"

namespace kc::brain {

struct SymptomParams {
  double madrs_baseline = 32;    // M0, typical TRD trial baseline (25-38 in trials)
  double k_out_per_h = 1.0 / 8;  // free
  double acute_max = 0.5;        // E_a, free
  double acute_half = 0.05;      // EC_a, free
  double synaptic_max = 1.6;     // E_s, free
  double synaptic_half = 0.1;    // EC_s, free
  double placebo_max = 8;        // P_max in MADRS points, free (inert placebo)
  double placebo_onset_h = 2;    // tau_on, free
  double placebo_decay_d = 28;   // tau_off, free
};

// invalid_argument naming the field.
Result<void> check(const SymptomParams& p);

// The spread between patients: s.d. of M0 and P_max in points; the others as
// the s.d. of the natural log of the gain (log-normal around the typical value).
struct SymptomVariability {
  double madrs_baseline_sd = 5;
  double placebo_sd = 8;
  double acute_log_sd = 0.5;
  double synaptic_log_sd = 0.7;
  double synaptic_half_log_sd = 0.3;
};

// The drives of L5 at each time of a course (same length).
struct SymptomDrive {
  std::vector<double> t_min;      // from the first dose, uniform step
  std::vector<double> ampa_rel;   // A
  std::vector<double> spines_excess;  // Y = [S - S_dep]+
};

// MADRS at each time for one patient, with drug and in the placebo arm.
struct MadrsCourse {
  std::vector<double> drug, placebo;
};
MadrsCourse madrs_course(const SymptomDrive& drive, const SymptomParams& p);

struct CohortCourse {
  std::vector<double> t_min;
  std::vector<double> mean_drug, mean_placebo, sd_drug, sd_placebo;
  std::vector<double> response_drug, response_placebo, remission_drug, remission_placebo;
};

// n patients; outputs every `every` points of the drive. Errors: "n" (< 2),
// "every" (0), the params' fields.
Result<CohortCourse> cohort_course(const SymptomDrive& drive, const SymptomParams& typical,
                                   const SymptomVariability& spread, int n, std::uint64_t seed, std::size_t every = 1);

}  // namespace kc::brain
