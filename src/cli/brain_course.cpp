#include "cli/brain_course.h"

#include "pharm/occupancy.h"
#include "pharm/solver.h"

namespace kc::cli {
namespace {

constexpr double kMinPerDay = 1440;

pharm::Regimen repeated(const pharm::Regimen& one, const std::vector<double>& starts_min) {
  pharm::Regimen r;
  for (double shift : starts_min) {
    for (auto b : one.boluses) {
      b.t_min += shift;
      r.boluses.push_back(b);
    }
    for (auto i : one.infusions) {
      i.start_min += shift;
      r.infusions.push_back(i);
    }
    for (auto d : one.extravascular) {
      d.t_min += shift;
      r.extravascular.push_back(d);
    }
  }
  return r;
}

Result<void> check_request(const CourseRequest& req) {
  if (req.repeat < 1 || req.repeat > 100)
    return fail(ErrorCode::invalid_argument, "--repeat", "--repeat: between 1 and 100");
  if (req.repeat > 1 && !(req.every_min > 0))
    return fail(ErrorCode::invalid_argument, "--every", "--every: give the interval between repeated doses, e.g. 3.5d");
  if (req.until_min < 0 || req.until_min > 120 * kMinPerDay)
    return fail(ErrorCode::invalid_argument, "--until", "--until: at most 120d");
  if (req.cohort < 0 || req.cohort == 1 || req.cohort > 5000)
    return fail(ErrorCode::invalid_argument, "--cohort", "--cohort: 0 (none) or 2 to 5000 patients");
  return {};
}

}  // namespace

Result<CourseResult> run_brain_course(const CourseRequest& req, const PharmData& data, const brain::CourseParams& params) {
  KC_CHECK(check_request(req));
  CourseResult out;
  KC_TRY(out.setup, resolve_patient(req.patient, data.models));
  KC_TRY(auto one, resolve_regimen(req.regimen, out.setup));
  std::vector<double> starts = req.starts_min;
  if (starts.empty())
    for (int k = 0; k < req.repeat; ++k) starts.push_back(k * req.every_min);
  out.regimen = repeated(one, starts);
  const double until = req.until_min > 0 ? req.until_min : out.regimen.last_event_min() + 14 * kMinPerDay;
  KC_TRY(auto grid, pharm::uniform_grid(until, 1.0));
  auto sim = pharm::simulate(out.setup.individual, out.regimen, grid);
  if (!sim) return std::unexpected(as_option(sim.error()));
  auto& s = sim->series;
  out.cp_ng_ml = s.cp_ng_ml;
  out.ce_ng_ml = s.ce_ng_ml;
  const auto& conc = s.has_effect_site() ? s.ce_ng_ml : s.cp_ng_ml;
  std::vector<double> ce_um;
  ce_um.reserve(conc.size());
  for (double c : conc) ce_um.push_back(pharm::ng_ml_to_um(c, out.setup.binding.molecular_weight_g_per_mol));
  KC_TRY(out.trace, brain::run_course(s.t_min, ce_um, params));
  if (req.cohort > 0) {
    KC_TRY(auto cohort, brain::cohort_course(brain::symptom_drive(out.trace, params.plasticity), params.symptoms,
                                             brain::SymptomVariability{}, req.cohort, req.seed));
    out.cohort = std::move(cohort);
  }
  return out;
}

}  // namespace kc::cli
