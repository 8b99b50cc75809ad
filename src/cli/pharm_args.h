#pragma once
// Options shared by the pharmacology commands (sim, tci, pop, plan): which
// model and patient, the regimen, the output grid. Every quantity is typed
// with its unit; resolution validates it all before anything is printed.
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "catalog/models.h"
#include "core/error.h"
#include "pharm/individual.h"
#include "pharm/occupancy.h"
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

// Everything a pharmacology command needs, resolved and checked.
struct PatientSetup {
  catalog::ModelCatalog catalog;
  pharm::ModelSpec model;  // a copy: --absorption may add routes
  catalog::DrugSpec drug;
  pharm::Covariates covariates;
  pharm::PkParams typical;
  pharm::EffectSite effect;
  pharm::ReceptorBinding binding;
  std::string binding_ki_source;
  pharm::Individual individual;
  bool force = false;
};

Result<PatientSetup> resolve_patient(const PatientArgs& args);
Result<pharm::Regimen> resolve_regimen(const RegimenArgs& args, const PatientSetup& setup);
Result<std::vector<double>> resolve_grid(const GridArgs& args);

}  // namespace kc::cli
