// `ketaclinic brain sim`: a dosing scheme (or a course of repeated doses)
// through L1-L5: concentration, block per population, circuit drive, BDNF,
// mTORC1, spines, MADRS and the response rate of a simulated cohort.
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <memory>

#include <nlohmann/json.hpp>

#include "cli/brain_course.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "core/units.h"

namespace kc::cli {
namespace {

struct SimArgs {
  CourseRequest course;
  std::string every, until, step = "1h", format = "table";
  bool rapamycin = false;
};

const std::vector<std::string> kColumns = {
    "t_h",      "cp_ng_ml", "ce_ng_ml", "block_E",  "block_PV",      "block_SST", "glutamate_rel", "bdnf",
    "mtorc1",   "proteins", "spines",   "scaling_e", "madrs",        "madrs_placebo", "p_response", "p_remission"};

std::vector<double> row_values(const CourseResult& r, std::size_t i) {
  const auto& t = r.trace;  // the cohort is per minute too
  return {t.t_min[i] / 60,      r.cp_ng_ml[i],      r.ce_ng_ml.empty() ? NAN : r.ce_ng_ml[i],
          t.block[0][i],        t.block[1][i],      t.block[2][i],
          t.glutamate_rel[i],   t.bdnf[i],          t.mtor[i],
          t.protein[i],         t.spines[i],        t.scaling_e[i],
          t.madrs[i],           t.madrs_placebo[i], r.cohort ? r.cohort->response_drug[i] : NAN,
          r.cohort ? r.cohort->remission_drug[i] : NAN};
}

std::string cell(double v) { return std::isnan(v) ? "" : number(v, 4); }

Table sim_table(const CourseResult& r, std::size_t every) {
  Table table{kColumns, {}};
  for (std::size_t i = 0; i < r.trace.t_min.size(); i += every) {
    std::vector<std::string> row;
    for (double v : row_values(r, i)) row.push_back(cell(v));
    table.rows.push_back(std::move(row));
  }
  return table;
}

nlohmann::json sim_json(const CourseResult& r, std::size_t every, double wall_s) {
  auto rows = nlohmann::json::array();
  for (std::size_t i = 0; i < r.trace.t_min.size(); i += every) {
    nlohmann::json row;
    const auto v = row_values(r, i);
    for (std::size_t k = 0; k < kColumns.size(); ++k)
      row[kColumns[k]] = std::isnan(v[k]) ? nlohmann::json(nullptr) : nlohmann::json(v[k]);
    rows.push_back(std::move(row));
  }
  return {{"model", r.setup.model.id}, {"doses", r.regimen.infusions.size() + r.regimen.boluses.size() +
                                                     r.regimen.extravascular.size()},
          {"wall_s", wall_s}, {"free_parameters", "every L2-L5 constant: docs/brain.md"}, {"series", rows}};
}

Result<CourseRequest> resolve(SimArgs a) {
  if (!a.every.empty()) {
    KC_TRY(a.course.every_min, units::parse_duration_min(a.every, "--every"));
  }
  if (!a.until.empty()) {
    KC_TRY(a.course.until_min, units::parse_duration_min(a.until, "--until"));
    if (!(a.course.until_min > 0)) return fail(ErrorCode::invalid_argument, "--until", "--until: must be more than 0");
  }
  return a.course;
}

Result<std::size_t> resolve_step(const std::string& text) {
  KC_TRY(const double step_min, units::parse_duration_min(text, "--step"));
  if (!(step_min >= 1) || std::abs(step_min - std::round(step_min)) > 1e-9)
    return fail(ErrorCode::invalid_argument, "--step", "--step: whole minutes, at least 1min");
  return static_cast<std::size_t>(std::round(step_min));
}

int run(const SimArgs& a) {
  auto format = parse_format(a.format);
  if (!format) return report("brain sim", format.error());
  auto step = resolve_step(a.step);
  if (!step) return report("brain sim", step.error());
  auto request = resolve(a);
  if (!request) return report("brain sim", request.error());
  auto data = load_pharm_data();
  if (!data) return report("brain sim", data.error());
  brain::CourseParams params;
  params.plasticity.rapamycin = a.rapamycin;
  const auto start = std::chrono::steady_clock::now();
  auto r = run_brain_course(*request, *data, params);
  const std::chrono::duration<double> wall = std::chrono::steady_clock::now() - start;
  if (!r) return report("brain sim", r.error());
  if (*format == Format::json) fmt::print("{}\n", sim_json(*r, *step, wall.count()).dump(2));
  else fmt::print("{}", *format == Format::csv ? render_csv(sim_table(*r, *step)) : render_table(sim_table(*r, *step)));
  return kExitOk;
}

}  // namespace

void register_brain_sim(CLI::App& brain_cmd, int& exit_code) {
  auto args = std::make_shared<SimArgs>();
  auto* cmd = brain_cmd.add_subcommand(
      "sim", "A dosing scheme or a course through L1-L5: concentration, NMDA block, BDNF, mTORC1, spines, MADRS");
  add_patient_options(*cmd, args->course.patient);
  add_regimen_options(*cmd, args->course.regimen);
  cmd->add_option("--repeat", args->course.repeat, "give the dosing scheme this many times")->capture_default_str();
  cmd->add_option("--every", args->every, "interval between repeated doses, e.g. 3.5d");
  cmd->add_option("--until", args->until, "simulated time (default: 14 days after the last dose)");
  cmd->add_option("--step", args->step, "output interval, whole minutes")->capture_default_str();
  cmd->add_option("--cohort", args->course.cohort, "simulated patients for the response rates (0: none)")
      ->capture_default_str();
  cmd->add_option("--seed", args->course.seed, "seed of the simulated cohort")
      ->check(CLI::Validator(
          [](std::string& text) { return text.starts_with('-') ? std::string("must be a whole number >= 0") : ""; },
          "SEED"))
      ->capture_default_str();
  cmd->add_flag("--rapamycin", args->rapamycin, "block mTORC1 (no new synapses)");
  add_format_option(*cmd, args->format);
  cmd->footer("Examples:\n"
              "  ketaclinic brain sim --weight 70kg --infuse 0.5mg/kg --over 40min --until 14d --step 6h\n"
              "  ketaclinic brain sim --weight 70kg --infuse 0.5mg/kg --over 40min --repeat 6 --every 3.5d --format csv\n"
              "Every constant of L2-L5 is a free parameter (docs/brain.md): an illustration, not a prediction.");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace kc::cli
