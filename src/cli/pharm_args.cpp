#include "cli/pharm_args.h"

#include <fmt/format.h>

#include <sstream>

#include "catalog/comparators.h"
#include "catalog/dose_policy.h"
#include "catalog/models.h"
#include "catalog/reference_ranges.h"
#include "core/units.h"
#include "pharm/solver.h"

namespace kc::cli {

void add_patient_options(CLI::App& app, PatientArgs& a, bool weight_required) {
  app.add_option("--model,-m", a.model, "PK model id (see `ketaclinic models`); default: the adult default");
  auto* w = app.add_option("--weight,-w", a.weight, "body weight with unit, e.g. 70kg or 154lb");
  if (weight_required) w->required();
  app.add_option("--age", a.age, "age with unit, e.g. 42y (checked against the model's validity range)");
  app.add_option("--ke0", a.ke0, "effect-site rate constant, e.g. 0.652/min (overrides the model)");
  app.add_option("--tpeak", a.tpeak, "time of peak effect after a bolus, e.g. 1min; ke0 is derived from it");
  app.add_option("--ki", a.ki, "NMDA Ki for the occupancy display, e.g. 0.5uM (default: the drug's)");
  app.add_option("--absorption", a.absorption,
                 "route parameters the model lacks, e.g. \"intramuscular F=41% ka=3/h\" (repeatable)");
  app.add_flag("--force", a.force, "simulate outside the model's validity range and plausibility limits");
}

void add_regimen_options(CLI::App& app, RegimenArgs& a) {
  app.add_option("--infuse", a.infuse, "total infusion dose, e.g. 0.5mg/kg or 35mg (with --over)");
  app.add_option("--over", a.over, "duration of the --infuse infusion, e.g. 40min");
  app.add_option("--start", a.start, "start of the --infuse infusion, e.g. 10min (default 0min)");
  app.add_option("--infusion", a.infusions,
                 "an infusion: \"35mg over 40min at 10min\" or \"0.75mg/kg/h for 2h\" (repeatable; "
                 "overlaps add up, gaps are pauses)");
  app.add_option("--bolus", a.boluses, "an IV bolus: \"20mg\" or \"0.25mg/kg at 30min\" (repeatable)");
  app.add_option("--dose", a.doses, "an extravascular dose: \"56mg intranasal at 0min\" (repeatable)");
}

void add_grid_options(CLI::App& app, GridArgs& a, const std::string& until, const std::string& step) {
  a.until = until;
  a.step = step;
  app.add_option("--until", a.until, "end of the simulated time, e.g. 6h")->capture_default_str();
  app.add_option("--step", a.step, "output step, e.g. 1min")->capture_default_str();
  app.add_option("--times", a.times, "explicit output times instead of a grid, e.g. 10min,40min,2h");
}

void add_format_option(CLI::App& app, std::string& format) {
  format = "table";
  app.add_option("--format,-f", format, "table, csv or json")->capture_default_str();
}

namespace {

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

std::vector<std::string> words(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

Error with_field(Error e, std::string field) {
  e.field = std::move(field);
  return e;
}

// "intramuscular F=41% ka=3/h"
Result<void> apply_absorption(const std::string& text, pharm::ModelSpec& model) {
  const auto w = words(text);
  if (w.size() != 3)
    return fail(ErrorCode::invalid_argument, "absorption",
                fmt::format("--absorption: '{}' should look like \"intramuscular F=41% ka=3/h\"", text));
  auto route = pharm::parse_route(w[0], "--absorption");
  if (!route) return err(route);
  if (*route == pharm::Route::iv)
    return fail(ErrorCode::invalid_argument, "absorption", "--absorption: iv has no absorption");
  pharm::RouteSpec spec{*route, {}, {}};
  for (std::size_t i = 1; i < 3; ++i) {
    const auto eq = w[i].find('=');
    const std::string key = w[i].substr(0, eq), value = eq == std::string::npos ? "" : w[i].substr(eq + 1);
    if (key == "F") {
      auto f = units::parse_fraction(value, "--absorption F");
      if (!f || !(*f > 0 && *f <= 1))
        return fail(ErrorCode::invalid_argument, "absorption", "--absorption: F must be a fraction such as 41%");
      spec.bioavailability = {*f, "set by the user"};
    } else if (key == "ka") {
      auto ka = units::parse_rate_constant_per_min(value, "--absorption ka");
      if (!ka || !(*ka > 0))
        return fail(ErrorCode::invalid_argument, "absorption", "--absorption: ka must be a rate such as 3/h");
      spec.ka_per_min = {*ka, "set by the user"};
    } else {
      return fail(ErrorCode::invalid_argument, "absorption",
                  fmt::format("--absorption: unknown key '{}' (F, ka)", key));
    }
  }
  if (spec.bioavailability.source.empty() || spec.ka_per_min.source.empty())
    return fail(ErrorCode::invalid_argument, "absorption", "--absorption: give both F= and ka=");
  model.routes[*route] = spec;
  return {};
}

Result<std::optional<double>> optional_quantity(const std::string& text, units::Dimension dim,
                                                const char* option) {
  if (text.empty()) return std::optional<double>{};
  auto v = units::parse_as(text, dim, option);
  if (!v) return err(v);
  return std::optional<double>{*v};
}

}  // namespace

// The engine names its inputs ("weight: ..."); here they are options, and a
// refusal the user may override says how.
Error as_option(Error e) {
  e.message = "--" + e.message;
  if (e.reason == pharm::to_string(pharm::WarningCode::outside_model_validity))
    e.message += "; use --force to simulate anyway";
  else if (e.reason == pharm::to_string(pharm::WarningCode::implausible_dose))
    e.message += "; check the units or use --force";
  return e;
}

Result<PharmData> load_pharm_data() {
  const auto dir = catalog::default_data_dir();
  auto models = catalog::load_models(dir);
  if (!models) return fail(ErrorCode::internal, "data", models.error().message);
  auto ranges = catalog::load_reference_ranges(dir, *models);
  if (!ranges) return fail(ErrorCode::internal, "data", ranges.error().message);
  auto policy = catalog::load_dose_policy(dir);
  if (!policy) return fail(ErrorCode::internal, "data", policy.error().message);
  auto benchmarks = catalog::load_benchmarks(dir);
  if (!benchmarks) return fail(ErrorCode::internal, "data", benchmarks.error().message);
  return PharmData{std::move(*models), std::move(*ranges), std::move(*policy), std::move(*benchmarks)};
}

Result<PatientSetup> resolve_patient(const PatientArgs& a, const pharm::ModelCatalog& catalog) {
  PatientSetup s;
  s.force = a.force;
  auto model = catalog.find(a.model.empty() ? catalog.default_model : a.model);
  if (!model) return err(model);
  s.model = **model;
  for (const auto& text : a.absorption)
    if (auto ok = apply_absorption(text, s.model); !ok) return err(ok);
  s.drug = catalog.drug_of(s.model);
  if (!a.weight.empty()) {
    auto w = units::parse_weight_kg(a.weight, "--weight");
    if (!w) return std::unexpected(with_field(w.error(), "weight"));
    s.covariates.weight_kg = *w;
  }
  if (!a.age.empty()) {
    auto age = units::parse_duration_min(a.age, "--age");
    if (!age) return std::unexpected(with_field(age.error(), "age"));
    s.covariates.age_y = *age / units::kMinPerYear;
  }
  if (auto ok = pharm::check_covariates(s.model, s.covariates, a.force); !ok)
    return std::unexpected(as_option(ok.error()));
  s.typical = pharm::typical_params(s.model, s.covariates);
  auto ke0 = optional_quantity(a.ke0, units::kPerTime, "--ke0");
  if (!ke0) return err(ke0);
  auto tpeak = optional_quantity(a.tpeak, units::kTime, "--tpeak");
  if (!tpeak) return err(tpeak);
  s.effect_choice = {*ke0, *tpeak};
  auto effect = pharm::resolve_effect_site(s.model, s.typical, s.effect_choice);
  if (!effect) return std::unexpected(as_option(effect.error()));
  s.effect = *effect;
  s.binding = s.drug.binding();
  s.binding_ki_source = s.drug.nmda_ki_um.source;
  if (!a.ki.empty()) {
    auto ki = units::parse_molar_um(a.ki, "--ki");
    if (!ki) return err(ki);
    if (!(*ki > 0)) return fail(ErrorCode::invalid_argument, "ki", "--ki: must be positive");
    s.binding.ki_um = *ki;
    s.binding_ki_source = "set by the user";
  }
  s.individual = pharm::make_individual(s.model, s.typical, s.effect.ke0_per_min);
  return s;
}

namespace {

struct TimedSpec {  // "<quantity> [over|for <duration>] [<route>] [at <time>]"
  std::string amount, duration, route, at;
};

Result<TimedSpec> split_spec(const std::string& text, const std::string& option) {
  const auto w = words(text);
  TimedSpec spec;
  if (w.empty()) return fail(ErrorCode::invalid_argument, option, fmt::format("{}: empty", option));
  spec.amount = w[0];
  for (std::size_t i = 1; i < w.size(); ++i) {
    const bool has_next = i + 1 < w.size();
    if ((w[i] == "over" || w[i] == "for") && has_next) spec.duration = w[++i];
    else if (w[i] == "at" && has_next) spec.at = w[++i];
    else if (spec.route.empty() && pharm::parse_route(w[i], option)) spec.route = w[i];
    else
      return fail(ErrorCode::invalid_argument, option,
                  fmt::format("{}: cannot read '{}' in \"{}\"", option, w[i], text));
  }
  return spec;
}

Result<double> time_or_zero(const std::string& text, const std::string& option) {
  if (text.empty()) return 0.0;
  return units::parse_duration_min(text, option);
}

// "35mg over 40min", "0.5mg/kg over 40min", "52.5mg/h for 40min", each optionally "at 10min".
Result<pharm::Infusion> parse_infusion(const std::string& text, double weight_kg, const std::string& option) {
  auto spec = split_spec(text, option);
  if (!spec) return err(spec);
  if (spec->duration.empty() || !spec->route.empty())
    return fail(ErrorCode::invalid_argument, option,
                fmt::format("{}: \"{}\" needs a duration: \"35mg over 40min\" or \"52mg/h for 40min\"", option, text));
  auto duration = units::parse_duration_min(spec->duration, option);
  if (!duration) return err(duration);
  auto start = time_or_zero(spec->at, option);
  if (!start) return err(start);
  pharm::Infusion inf{*start, *duration, 0, false};
  if (auto rate = units::parse_dose_rate(spec->amount, option); rate) {
    inf.rate_mg_per_min = rate->mg_per_min_for(weight_kg);
    inf.per_kg = rate->per_kg;
  } else {
    auto dose = units::parse_dose(spec->amount, option);
    if (!dose)
      return fail(ErrorCode::invalid_argument, option,
                  fmt::format("{}: '{}' is neither a dose (35mg, 0.5mg/kg) nor a rate (52mg/h, 0.75mg/kg/h)",
                              option, spec->amount));
    inf.rate_mg_per_min = *duration > 0 ? dose->mg_for(weight_kg) / *duration : 0;
    inf.per_kg = dose->per_kg;
  }
  return inf;
}

Result<void> add_bolus(const std::string& text, double weight_kg, pharm::Regimen& r) {
  auto spec = split_spec(text, "--bolus");
  if (!spec) return err(spec);
  if (!spec->duration.empty() || !spec->route.empty())
    return fail(ErrorCode::invalid_argument, "bolus", "--bolus: takes a dose and an optional \"at TIME\"");
  auto dose = units::parse_dose(spec->amount, "--bolus");
  if (!dose) return err(dose);
  auto at = time_or_zero(spec->at, "--bolus");
  if (!at) return err(at);
  r.boluses.push_back({*at, dose->mg_for(weight_kg), dose->per_kg});
  return {};
}

Result<void> add_dose(const std::string& text, double weight_kg, pharm::Regimen& r) {
  auto spec = split_spec(text, "--dose");
  if (!spec) return err(spec);
  if (spec->route.empty() || !spec->duration.empty())
    return fail(ErrorCode::invalid_argument, "dose",
                "--dose: needs a route, e.g. \"56mg intranasal at 0min\" (use --bolus or --infusion for IV)");
  auto route = pharm::parse_route(spec->route, "--dose");
  if (!route) return err(route);
  auto dose = units::parse_dose(spec->amount, "--dose");
  if (!dose) return err(dose);
  auto at = time_or_zero(spec->at, "--dose");
  if (!at) return err(at);
  if (*route == pharm::Route::iv) r.boluses.push_back({*at, dose->mg_for(weight_kg), dose->per_kg});
  else r.extravascular.push_back({*at, dose->mg_for(weight_kg), *route, dose->per_kg});
  return {};
}

Result<void> add_infuse(const RegimenArgs& a, double weight_kg, pharm::Regimen& r) {
  if (a.infuse.empty()) {
    if (!a.over.empty() || !a.start.empty())
      return fail(ErrorCode::invalid_argument, "over", "--over/--start: only valid together with --infuse");
    return {};
  }
  if (a.over.empty())
    return fail(ErrorCode::invalid_argument, "over", "--over: required with --infuse, e.g. --over 40min");
  std::string text = a.infuse + " over " + a.over + (a.start.empty() ? "" : " at " + a.start);
  auto inf = parse_infusion(text, weight_kg, "--infuse");
  if (!inf) return err(inf);
  r.infusions.push_back(*inf);
  return {};
}

}  // namespace

Result<pharm::Regimen> resolve_regimen(const RegimenArgs& a, const PatientSetup& s) {
  pharm::Regimen r;
  const double w = s.covariates.weight_kg;
  if (auto ok = add_infuse(a, w, r); !ok) return err(ok);
  for (const auto& text : a.infusions) {
    auto inf = parse_infusion(text, w, "--infusion");
    if (!inf) return err(inf);
    r.infusions.push_back(*inf);
  }
  for (const auto& text : a.boluses)
    if (auto ok = add_bolus(text, w, r); !ok) return err(ok);
  for (const auto& text : a.doses)
    if (auto ok = add_dose(text, w, r); !ok) return err(ok);
  if (r.empty())
    return fail(ErrorCode::invalid_argument, "regimen",
                "regimen: give at least one of --infuse/--over, --infusion, --bolus, --dose");
  if (auto ok = pharm::validate(r, s.model, w, {}, s.force); !ok) return std::unexpected(as_option(ok.error()));
  return r;
}

Result<std::vector<double>> resolve_grid(const GridArgs& a) {
  if (!a.times.empty()) {
    std::vector<double> times;
    std::stringstream in(a.times);
    for (std::string item; std::getline(in, item, ',');) {
      auto t = units::parse_duration_min(item, "--times");
      if (!t) return err(t);
      times.push_back(*t);
    }
    for (std::size_t i = 0; i < times.size(); ++i)
      if (times[i] < 0 || (i > 0 && times[i] <= times[i - 1]))
        return fail(ErrorCode::invalid_argument, "times", "--times: must be >= 0 and strictly increasing");
    if (times.empty()) return fail(ErrorCode::invalid_argument, "times", "--times: no times given");
    return times;
  }
  auto until = units::parse_duration_min(a.until, "--until");
  if (!until) return err(until);
  auto step = units::parse_duration_min(a.step, "--step");
  if (!step) return err(step);
  auto grid = pharm::uniform_grid(*until, *step);
  if (!grid) return std::unexpected(as_option(grid.error()));
  return grid;
}

pharm::PredictionRequest prediction_request(const PatientSetup& s, pharm::Regimen regimen,
                                            std::vector<double> times_min) {
  pharm::PredictionRequest r;
  r.model = &s.model;
  r.covariates = s.covariates;
  r.regimen = std::move(regimen);
  r.times_min = std::move(times_min);
  r.effect = s.effect_choice;
  r.binding = s.binding;
  r.force = s.force;
  return r;
}

}  // namespace kc::cli
