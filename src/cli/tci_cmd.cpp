// `ketaclinic tci`: target-controlled infusion by simulation, pump schedule in mL/h.
#include <fmt/format.h>

#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/dose_gate.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/pharm_args.h"
#include "cli/pharm_report.h"
#include "cli/svg_plot.h"
#include "core/units.h"
#include "http/pharm_codec.h"
#include "pharm/regimen.h"
#include "pharm/tci.h"

namespace kc::cli {
namespace {

struct TciArgs {
  PatientArgs patient;
  std::vector<std::string> targets;
  std::string mode = "plasma", syringe, max_rate, resolution, update = "10s", until = "60min", every = "1min";
  std::string format, plot, override_reason;
};

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

// "200ng/mL" or "300ng/mL at 30min"
Result<std::vector<pharm::TargetChange>> parse_targets(const std::vector<std::string>& texts) {
  std::vector<pharm::TargetChange> out;
  for (const auto& text : texts) {
    std::istringstream in(text);
    std::string level, at, time;
    in >> level >> at >> time;
    auto c = units::parse_concentration_ng_per_ml(level, "--target");
    if (!c) return err(c);
    double t = 0;
    if (!at.empty()) {
      if (at != "at" || time.empty())
        return fail(ErrorCode::invalid_argument, "target",
                    fmt::format("--target: '{}' should look like \"300ng/mL at 30min\"", text));
      auto parsed = units::parse_duration_min(time, "--target");
      if (!parsed) return err(parsed);
      t = *parsed;
    }
    out.push_back({t, *c});
  }
  if (out.empty()) return fail(ErrorCode::invalid_argument, "target", "--target: give at least one, e.g. 200ng/mL");
  std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.t_min < b.t_min; });
  return out;
}

// A target in an alert range of data/reference_ranges.json (the anaesthetic range for
// ketamine) is refused unless --force: 20000ng/mL for 200ng/mL is a slip, not a plan.
Result<void> check_targets(const std::vector<pharm::TargetChange>& targets, const PatientSetup& s,
                           const pharm::ReferenceRanges& ranges) {
  if (s.force) return {};
  for (const auto* r : ranges.for_drug(s.drug.id, pharm::RangeRole::alert))
    for (const auto& t : targets)
      if (t.target_ng_ml >= r->low_ng_ml)
        return fail(ErrorCode::invalid_argument, "target",
                    fmt::format("--target: {:g} ng/mL is in the {} ({:g}-{:g} ng/mL, {}); check the units or use --force",
                                t.target_ng_ml, r->label, r->low_ng_ml, r->high_ng_ml, r->source));
  return {};
}

// The pump's default maximum is the clinic's setting (data/clinic/dose_policy.json), not the
// drug's anaesthetic limit: STANPUMP's ketamine maximum 0.75 mg/kg/min [V], which --force lifts.
// --max-rate may lower it, never raise it.
Result<void> set_max_rate(const TciArgs& a, const PatientSetup& s, const pharm::DosePolicy& policy,
                          pharm::TciOptions& o) {
  const double w = s.covariates.weight_kg;
  o.max_rate_mg_per_min = s.force ? 1e300 : pharm::RegimenLimits{}.max_rate_mg_per_kg_per_min * w;
  if (s.drug.id == policy.drug) o.max_rate_mg_per_min = std::min(o.max_rate_mg_per_min, policy.tci_max_rate_mg_per_kg_per_h * w / 60);
  if (a.max_rate.empty()) return {};
  auto ml_per_min = units::parse_as(a.max_rate, units::kVolumeRate, "--max-rate");
  if (!ml_per_min) return err(ml_per_min);
  o.max_rate_mg_per_min = std::min(o.max_rate_mg_per_min, *ml_per_min * o.syringe_mg_per_ml);
  return {};
}

Result<pharm::TciOptions> make_options(const TciArgs& a, const PatientSetup& s, const PharmData& data) {
  pharm::TciOptions o;
  auto targets = parse_targets(a.targets);
  if (!targets) return err(targets);
  o.targets = *targets;
  if (auto ok = check_targets(o.targets, s, data.ranges); !ok) return std::unexpected(ok.error());
  if (a.mode != "plasma" && a.mode != "effect")
    return fail(ErrorCode::invalid_argument, "mode", "--mode: must be plasma or effect");
  o.mode = a.mode == "effect" ? pharm::TciMode::effect : pharm::TciMode::plasma;
  if (o.mode == pharm::TciMode::effect && s.effect.assumed)
    return fail(ErrorCode::invalid_argument, "mode",
                fmt::format("--mode effect: the {} model has no published ke0; targeting the effect site with an "
                            "assumed one can overdose (test vector V9). Give --ke0 or --tpeak explicitly",
                            s.model.name));
  auto syringe = units::parse_concentration_mg_per_ml(a.syringe, "--syringe");
  if (!syringe) return err(syringe);
  o.syringe_mg_per_ml = *syringe;
  KC_CHECK(set_max_rate(a, s, data.policy, o));
  if (!a.resolution.empty()) {
    auto res = units::parse_as(a.resolution, units::kVolumeRate, "--resolution");
    if (!res) return err(res);
    o.rate_resolution_ml_per_h = *res * 60;
  }
  auto update = units::parse_duration_min(a.update, "--update");
  if (!update) return err(update);
  o.update_min = *update;
  auto until = units::parse_duration_min(a.until, "--until");
  if (!until) return err(until);
  o.until_min = *until;
  return o;
}

// What the schedule gives, for the clinic's caps: its total and its targets. The pump's
// rate is bounded by its own maximum (set_max_rate), not by the infusion-rate cap.
pharm::DoseAmounts tci_amounts(const pharm::TciRun& run, const pharm::TciOptions& o, const PatientSetup& s) {
  pharm::DoseAmounts a{s.covariates.weight_kg, run.total_mg, 0, {}};
  for (const auto& t : o.targets) a.targets_ng_ml.push_back(t.target_ng_ml);
  return a;
}

// The intervals whose end falls on the display grid (`every`), always the last one.
std::vector<const pharm::TciInterval*> shown(const pharm::TciRun& run, double every_min) {
  std::vector<const pharm::TciInterval*> out;
  double next = every_min;
  for (const auto& iv : run.intervals)
    if (iv.end_min >= next - 1e-9 || &iv == &run.intervals.back()) {
      out.push_back(&iv);
      while (next <= iv.end_min + 1e-9) next += every_min;
    }
  return out;
}

Table schedule_table(const std::vector<const pharm::TciInterval*>& rows) {
  Table t{{"t_end_min", "target_ng_ml", "rate_ml_per_h", "rate_mg_per_h", "cp_ng_ml", "ce_ng_ml", "cumulative_mg", "note"}, {}};
  for (const auto* iv : rows)
    t.rows.push_back({number(iv->end_min, 6), number(iv->target_ng_ml), number(iv->rate_ml_per_h), number(iv->rate_mg_per_min * 60),
                      number(iv->cp_end_ng_ml), number(iv->ce_end_ng_ml), number(iv->cumulative_mg),
                      iv->at_max_rate ? "at max rate" : ""});
  return t;
}

nlohmann::json schedule_json(const std::vector<const pharm::TciInterval*>& rows) {
  auto out = nlohmann::json::array();
  for (const auto* iv : rows)
    out.push_back({{"start_min", iv->start_min}, {"end_min", iv->end_min}, {"target_ng_ml", iv->target_ng_ml},
                   {"rate_ml_per_h", iv->rate_ml_per_h}, {"rate_mg_per_h", iv->rate_mg_per_min * 60},
                   {"cp_ng_ml", iv->cp_end_ng_ml}, {"ce_ng_ml", iv->ce_end_ng_ml}, {"cumulative_mg", iv->cumulative_mg},
                   {"at_max_rate", iv->at_max_rate}, {"plasma_targeting", iv->plasma_targeting}});
  return out;
}

std::string tci_plot(const pharm::TciRun& run, const PatientSetup& s, const pharm::TciOptions& o) {
  PlotSpec p;
  p.title = fmt::format("Target-controlled infusion ({} targeting)", o.mode == pharm::TciMode::effect ? "effect-site" : "plasma");
  p.subtitle = plot_subtitle(s, fmt::format("syringe {:g} mg/mL", o.syringe_mg_per_ml));
  p.footnote = "Model: " + s.model.citation + " Decision support only.";
  std::vector<double> cp{0}, ce{0}, target{o.targets.front().target_ng_ml};
  p.x_min.push_back(0);
  for (const auto& iv : run.intervals) {
    p.x_min.push_back(iv.end_min);
    cp.push_back(iv.cp_end_ng_ml);
    ce.push_back(iv.ce_end_ng_ml);
    target.push_back(iv.target_ng_ml);
  }
  p.curves.push_back({"target", target, "#7b8794", true});
  p.curves.push_back({"plasma (Cp)", cp, "#1565c0", false});
  if (s.individual.disposition.ke0_per_min) p.curves.push_back({"effect site (Ce)", ce, "#c2185b", false});
  return render_svg(p);
}

int run(const TciArgs& a) {
  auto format = parse_format(a.format);
  if (!format) return report("tci", format.error());
  auto data = load_pharm_data();
  if (!data) return report("tci", data.error());
  auto setup = resolve_patient(a.patient, data->models);
  if (!setup) return report("tci", setup.error());
  auto options = make_options(a, *setup, *data);
  if (!options) return report("tci", options.error());
  auto every = units::parse_duration_min(a.every, "--every");
  if (!every) return report("tci", every.error());
  if (!(*every > 0)) return report("tci", Error{ErrorCode::invalid_argument, "every", "--every: must be positive"});
  auto tci = pharm::run_tci(setup->individual, *options);
  if (!tci) return report("tci", Error{tci.error().code, tci.error().field, "--" + tci.error().message});
  auto findings = gate_dose(data->policy, *setup, tci_amounts(*tci, *options, *setup), "--until", a.override_reason);
  if (!findings) return report("tci", findings.error());
  print_overrides("tci", *findings, a.override_reason);
  auto peak = peak_report("tci", tci->peak_cp_ng_ml, *setup, *data);
  if (!peak) return report("tci", peak.error());
  if (!a.plot.empty())
    if (auto ok = write_file(a.plot, tci_plot(*tci, *setup, *options)); !ok) return report("tci", ok.error());
  const auto rows = shown(*tci, *every);
  if (*format == Format::json) {
    nlohmann::json out = {{"model", model_json(*setup)}, {"patient", patient_json(*setup)},
                          {"pump", {{"syringe_mg_per_ml", options->syringe_mg_per_ml},
                                    {"max_rate_ml_per_h", options->max_rate_mg_per_min * 60 / options->syringe_mg_per_ml},
                                    {"update_s", options->update_min * 60}}},
                          {"totals", {{"mg", tci->total_mg}, {"ml", tci->total_ml}, {"peak_cp_ng_ml", tci->peak_cp_ng_ml},
                                      {"peak_ce_ng_ml", tci->peak_ce_ng_ml}}},
                          {"schedule", schedule_json(rows)},
                          {"warnings", http::warnings_json(peak->warnings)},
                          {"benchmarks", http::benchmarks_json(peak->benchmarks)},
                          {"dose_policy", http::dose_policy_json(*findings, a.override_reason)}};
    fmt::print("{}\n", out.dump(2));
  } else if (*format == Format::csv) {
    fmt::print("{}", render_csv(schedule_table(rows)));
  } else {
    fmt::print("{}{}total {} mg ({} mL), peak Cp {} ng/mL\n\n{}", header_text(*setup), peak_text(*peak, *setup),
               number(tci->total_mg),
               number(tci->total_ml), number(tci->peak_cp_ng_ml), render_table(schedule_table(rows)));
  }
  return kExitOk;
}

}  // namespace

void register_tci(CLI::App& root, int& exit_code) {
  auto args = std::make_shared<TciArgs>();
  auto* cmd = root.add_subcommand("tci", "Target-controlled infusion: pump-rate schedule (mL/h) and predicted Cp/Ce");
  cmd->footer("Example:\n  ketaclinic tci --model domino --weight 70kg --target 200ng/mL --syringe 10mg/mL --until 60min");
  add_patient_options(*cmd, args->patient);
  cmd->add_option("--target", args->targets, "target concentration, e.g. 200ng/mL; later changes \"300ng/mL at 30min\"")->required();
  cmd->add_option("--mode", args->mode, "plasma or effect (effect needs a published or explicit ke0)")->capture_default_str();
  cmd->add_option("--syringe", args->syringe, "drug concentration in the syringe, e.g. 10mg/mL")->required();
  cmd->add_option("--max-rate", args->max_rate,
                  "pump maximum rate, e.g. 20mL/h; only lowers the clinic's default (data/clinic/dose_policy.json)");
  cmd->add_option("--resolution", args->resolution, "pump rate resolution, e.g. 0.1mL/h (default: continuous)");
  cmd->add_option("--update", args->update, "rate update period")->capture_default_str();
  cmd->add_option("--until", args->until, "duration of the infusion")->capture_default_str();
  cmd->add_option("--every", args->every, "spacing of the rows shown (the rate still changes every --update)")->capture_default_str();
  add_format_option(*cmd, args->format);
  cmd->add_option("--plot", args->plot, "also draw Cp, Ce and the target as an SVG file");
  add_override_option(*cmd, args->override_reason);
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace kc::cli
