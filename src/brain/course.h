#pragma once
// L2 -> L5 over a whole course: the block per population (L2, kinetic with
// trapping) drives the circuit surrogate (L3), whose AMPA drive and the E-cell
// block drive signalling and spines (L4), which with the acute drive give the
// MADRS course (L5). Input is a concentration course on a uniform grid from
// `pharm` (L1). Interventions for the validation targets: the rapamycin switch
// (in PlasticityParams) and deleting the new spines at a given time. No I/O.
#include <optional>
#include <vector>

#include "brain/plasticity.h"
#include "brain/receptor_block.h"
#include "brain/surrogate.h"
#include "brain/symptoms.h"

namespace kc::brain {

struct CourseParams {
  BlockParams block = default_block_params();
  CircuitSurrogate circuit;
  PlasticityParams plasticity;
  SymptomParams symptoms;
  std::optional<double> delete_new_spines_at_min;  // S back to S_dep at this time (Moda-Sava 2019 photodeletion)
};

struct CourseTrace {
  std::vector<double> t_min, ce_um;
  PerPopulation<std::vector<double>> block;
  std::vector<double> rate_e_rel, glutamate_rel, ampa_rel;  // L3 surrogate, 1 = drug-free
  std::vector<double> bdnf, mtor, protein, spines, scaling_e, scaling_i;  // L4
  std::vector<double> madrs, madrs_placebo;  // L5, typical patient
};

// Errors: "times" (fewer than 2, not uniform and ascending), "ce" (negative), the params' fields.
Result<CourseTrace> run_course(const std::vector<double>& t_min, const std::vector<double>& ce_um,
                               const CourseParams& params);

// The L5 drive of a computed course (for cohorts).
SymptomDrive symptom_drive(const CourseTrace& trace, const PlasticityParams& p);

}  // namespace kc::brain
