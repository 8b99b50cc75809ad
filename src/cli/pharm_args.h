#pragma once
// Options shared by the pharmacology commands (sim, tci, pop, plan): which
// model and patient, the regimen, the output grid. Every quantity is typed
// with its unit; resolution validates it all before anything is printed.
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "core/error.h"
#include "pharm/benchmark.h"
#include "pharm/catalog.h"
#include "pharm/dose_policy.h"
#include "pharm/individual.h"
#include "pharm/occupancy.h"
#include "pharm/prediction.h"
#include "pharm/reference_ranges.h"
#include "pharm/regimen.h"

namespace kc::cli {

struct PatientArgs {
  std::string model, weight, age, ke0, tpeak, ki;
  std::vector<std::string> absorption;  // "intramuscular F=41% ka=3/h"
  bool force = false;
};

struct RegimenArgs {
  std::string infuse, over, start;
  std::vector<std::string> infusions, boluses, doses;
};

struct GridArgs {
  std::string until, step, times;
};

void add_patient_options(CLI::App& app, PatientArgs& args, bool weight_required = true);
void add_regimen_options(CLI::App& app, RegimenArgs& args);
void add_grid_options(CLI::App& app, GridArgs& args, const std::string& until, const std::string& step);
void add_format_option(CLI::App& app, std::string& format);

// The data a pharmacology command reads, once, before it resolves anything:
// data/models/, data/drugs.json, data/reference_ranges.json, data/clinic/dose_policy.json,
// data/validation/comparators.json
// (ErrorCode::internal naming "data" when they do not load).
struct PharmData {
  pharm::ModelCatalog models;
  pharm::ReferenceRanges ranges;
  pharm::DosePolicy policy;
  std::vector<pharm::Benchmark> benchmarks;  // data/validation/comparators.json
};
Result<PharmData> load_pharm_data();

// Everything a pharmacology command needs, resolved and checked.
struct PatientSetup {
  pharm::ModelSpec model;  // a copy: --absorption may add routes
  pharm::DrugSpec drug;
  pharm::Covariates covariates;
  pharm::PkParams typical;
  pharm::EffectSiteChoice effect_choice;  // --ke0 / --tpeak
  pharm::EffectSite effect;
  pharm::ReceptorBinding binding;
  std::string binding_ki_source;
  pharm::Individual individual;
  bool force = false;
};

Result<PatientSetup> resolve_patient(const PatientArgs& args, const pharm::ModelCatalog& catalog);
Result<pharm::Regimen> resolve_regimen(const RegimenArgs& args, const PatientSetup& setup);
Result<std::vector<double>> resolve_grid(const GridArgs& args);

// The prediction use case's request for this patient (setup outlives it).
pharm::PredictionRequest prediction_request(const PatientSetup& setup, pharm::Regimen regimen,
                                            std::vector<double> times_min);

// An engine error in the words of the command line: the field as its option
// ("--weight: ..."), and for a refusal the user may override, how.
Error as_option(Error error);

}  // namespace kc::cli
