// `ketaclinic plan`: dose and rate for a plain pump from a wanted peak or plateau.
#include <fmt/format.h>

#include <memory>

#include "cli/commands.h"
#include "cli/dose_gate.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/pharm_args.h"
#include "cli/pharm_report.h"
#include "core/units.h"
#include "http/pharm_codec.h"
#include "pharm/planner.h"

namespace kc::cli {
namespace {

struct PlanArgs {
  PatientArgs patient;
  std::string peak, plateau, over, syringe, format, override_reason;
};

// What the plan gives, for the clinic's caps: bolus and infusion, and the pump's rate.
pharm::DoseAmounts plan_amounts(const pharm::Plan& p, double weight_kg) {
  return {weight_kg, p.total_mg, p.rate_mg_per_min * 60, {}};
}

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

Result<pharm::PlanRequest> make_request(const PlanArgs& a) {
  if (a.peak.empty() == a.plateau.empty())
    return fail(ErrorCode::invalid_argument, "peak", "--peak/--plateau: give exactly one of them");
  pharm::PlanRequest r;
  r.kind = a.peak.empty() ? pharm::PlanKind::plateau : pharm::PlanKind::peak;
  auto c = units::parse_concentration_ng_per_ml(a.peak.empty() ? a.plateau : a.peak, a.peak.empty() ? "--plateau" : "--peak");
  if (!c) return err(c);
  auto over = units::parse_duration_min(a.over, "--over");
  if (!over) return err(over);
  r.target_ng_ml = *c;
  r.duration_min = *over;
  return r;
}

nlohmann::json plan_json(const pharm::Plan& p, const pharm::PlanRequest& r, double weight_kg, std::optional<double> syringe) {
  nlohmann::json out = {{"kind", r.kind == pharm::PlanKind::peak ? "peak" : "plateau"}, {"target_ng_ml", r.target_ng_ml},
                        {"duration_min", r.duration_min}, {"bolus_mg", p.bolus_mg}, {"bolus_mg_per_kg", p.bolus_mg / weight_kg},
                        {"infusion_mg", p.infusion_mg}, {"infusion_mg_per_kg", p.infusion_mg / weight_kg},
                        {"total_mg", p.total_mg}, {"total_mg_per_kg", p.total_mg / weight_kg},
                        {"rate_mg_per_h", p.rate_mg_per_min * 60}, {"rate_mg_per_kg_per_h", p.rate_mg_per_min * 60 / weight_kg},
                        {"cp_end_ng_ml", p.cp_end_ng_ml}};
  if (syringe) {
    out["rate_ml_per_h"] = p.rate_mg_per_min * 60 / *syringe;
    out["bolus_ml"] = p.bolus_mg / *syringe;
  }
  if (r.kind == pharm::PlanKind::plateau)
    out["plateau"] = {{"max_deviation_ng_ml", p.max_deviation_ng_ml}, {"min_ng_ml", p.min_ng_ml}, {"max_ng_ml", p.max_ng_ml}};
  return out;
}

std::string plan_text(const pharm::Plan& p, const pharm::PlanRequest& r, double w, std::optional<double> syringe) {
  std::string out;
  if (r.kind == pharm::PlanKind::plateau)
    out += fmt::format("loading bolus  {} mg ({} mg/kg){}\n", number(p.bolus_mg, 4), number(p.bolus_mg / w, 3),
                       syringe ? fmt::format(" = {} mL", number(p.bolus_mg / *syringe, 3)) : "");
  out += fmt::format("infusion       {} mg ({} mg/kg) over {} min\n", number(p.infusion_mg, 4), number(p.infusion_mg / w, 3),
                     number(r.duration_min));
  out += fmt::format("pump rate      {} mg/h ({} mg/kg/h){}\n", number(p.rate_mg_per_min * 60, 4),
                     number(p.rate_mg_per_min * 60 / w, 3),
                     syringe ? fmt::format(" = {} mL/h", number(p.rate_mg_per_min * 60 / *syringe, 4)) : "");
  out += fmt::format("total          {} mg ({} mg/kg)\n", number(p.total_mg, 4), number(p.total_mg / w, 3));
  out += fmt::format("predicted Cp   {} ng/mL at the end\n", number(p.cp_end_ng_ml, 4));
  if (r.kind == pharm::PlanKind::plateau)
    out += fmt::format("plateau        {} to {} ng/mL after the first minute (largest deviation {} ng/mL)\n",
                       number(p.min_ng_ml, 4), number(p.max_ng_ml, 4), number(p.max_deviation_ng_ml, 3));
  return out + "Decision support only: a clinician checks every dose against the clinic's protocol.\n";
}

int run(const PlanArgs& a) {
  auto format = parse_format(a.format);
  if (!format) return report("plan", format.error());
  if (*format == Format::csv) return report("plan", Error{ErrorCode::invalid_argument, "format", "--format: plan prints table or json"});
  auto data = load_pharm_data();
  if (!data) return report("plan", data.error());
  auto setup = resolve_patient(a.patient, data->models);
  if (!setup) return report("plan", setup.error());
  auto request = make_request(a);
  if (!request) return report("plan", request.error());
  std::optional<double> syringe;
  if (!a.syringe.empty()) {
    auto s = units::parse_concentration_mg_per_ml(a.syringe, "--syringe");
    if (!s) return report("plan", s.error());
    syringe = *s;
  }
  auto plan = pharm::plan_dose(setup->individual, *request);
  if (!plan) return report("plan", Error{plan.error().code, plan.error().field, "--" + plan.error().message});
  const double w = setup->covariates.weight_kg;
  auto findings = gate_dose(data->policy, *setup, plan_amounts(*plan, w), a.peak.empty() ? "--plateau" : "--peak",
                            a.override_reason);
  if (!findings) return report("plan", findings.error());
  print_overrides("plan", *findings, a.override_reason);
  const double peak_ng_ml = request->kind == pharm::PlanKind::plateau ? plan->max_ng_ml : plan->cp_end_ng_ml;
  auto peak = peak_report("plan", peak_ng_ml, *setup, *data);
  if (!peak) return report("plan", peak.error());
  if (*format == Format::json)
    fmt::print("{}\n", nlohmann::json{{"model", model_json(*setup)}, {"patient", patient_json(*setup)},
                                      {"plan", plan_json(*plan, *request, w, syringe)},
                                      {"warnings", http::warnings_json(peak->warnings)},
                                      {"benchmarks", http::benchmarks_json(peak->benchmarks)},
                                      {"dose_policy", http::dose_policy_json(*findings, a.override_reason)}}.dump(2));
  else
    fmt::print("{}{}\n{}", header_text(*setup), peak_text(*peak, *setup), plan_text(*plan, *request, w, syringe));
  return kExitOk;
}

}  // namespace

void register_plan(CLI::App& root, int& exit_code) {
  auto args = std::make_shared<PlanArgs>();
  auto* cmd = root.add_subcommand("plan", "Dose and rate for a plain pump from a wanted peak or plateau");
  cmd->footer("Example:\n  ketaclinic plan --model clements250 --weight 70kg --peak 185ng/mL --over 40min --syringe 1mg/mL");
  add_patient_options(*cmd, args->patient);
  cmd->add_option("--peak", args->peak, "wanted Cp at the end of one constant infusion, e.g. 185ng/mL");
  cmd->add_option("--plateau", args->plateau, "wanted steady Cp over the duration (bolus + constant rate)");
  cmd->add_option("--over", args->over, "duration, e.g. 40min")->required();
  cmd->add_option("--syringe", args->syringe, "drug concentration, e.g. 1mg/mL, to give rates in mL/h");
  add_format_option(*cmd, args->format);
  add_override_option(*cmd, args->override_reason);
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace kc::cli
