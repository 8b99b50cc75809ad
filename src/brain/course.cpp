#include "brain/course.h"

#include <algorithm>
#include <cmath>

namespace kc::brain {
namespace {

Result<void> check_uniform(const std::vector<double>& t_min) {
  if (t_min.size() < 2) return fail(ErrorCode::invalid_argument, "times", "times: at least two");
  const double step = t_min[1] - t_min[0];
  for (std::size_t i = 1; i < t_min.size(); ++i)
    if (!(std::abs(t_min[i] - t_min[i - 1] - step) <= 1e-6 * std::max(1.0, step)) || !(step > 0))
      return fail(ErrorCode::invalid_argument, "times", "times: must be ascending with one step");
  return {};
}

void add_plastic(CourseTrace& c, const PlasticState& s) {
  c.bdnf.push_back(s.bdnf), c.mtor.push_back(s.mtor), c.protein.push_back(s.protein);
  c.spines.push_back(s.spines), c.scaling_e.push_back(s.scaling_e), c.scaling_i.push_back(s.scaling_i);
}

// L3 surrogate then L4, step by step: the scaling w_e multiplies the E rate it
// is homeostatically controlling, so it feeds back.
void run_slow(CourseTrace& c, const CourseParams& params) {
  const auto& pp = params.plasticity;
  PlasticState s = baseline_state(pp);
  bool deleted = false;
  for (std::size_t i = 0; i < c.t_min.size(); ++i) {
    const PerPopulation<double> b{c.block[0][i], c.block[1][i], c.block[2][i]};
    const double rel = relative_e_rate(params.circuit, b);
    c.glutamate_rel.push_back(rel);
    c.rate_e_rel.push_back(rel * s.scaling_e);
    c.ampa_rel.push_back(rel * s.scaling_e);
    if (i > 0) advance(s, pp, {c.ampa_rel[i - 1], c.block[0][i - 1], c.rate_e_rel[i - 1]}, c.t_min[i] - c.t_min[i - 1]);
    if (params.delete_new_spines_at_min && !deleted && c.t_min[i] >= *params.delete_new_spines_at_min) {
      s.spines = std::min(s.spines, pp.depressed_spines);
      deleted = true;
    }
    add_plastic(c, s);
  }
}

}  // namespace

SymptomDrive symptom_drive(const CourseTrace& trace, const PlasticityParams& p) {
  SymptomDrive d{trace.t_min, trace.ampa_rel, {}};
  d.spines_excess.reserve(trace.spines.size());
  for (double s : trace.spines) d.spines_excess.push_back(std::max(0.0, s - p.depressed_spines));
  return d;
}

Result<CourseTrace> run_course(const std::vector<double>& t_min, const std::vector<double>& ce_um,
                               const CourseParams& params) {
  KC_CHECK(check_uniform(t_min));
  KC_CHECK(check(params.plasticity));
  KC_CHECK(check(params.symptoms));
  // 10-s substeps: exact per step, and Ce changes little within one.
  KC_TRY(auto block, block_course(t_min, ce_um, params.block, false, 10.0));
  CourseTrace c;
  c.t_min = t_min;
  c.ce_um = ce_um;
  c.block = std::move(block.block);
  run_slow(c, params);
  auto madrs = madrs_course(symptom_drive(c, params.plasticity), params.symptoms);
  c.madrs = std::move(madrs.drug);
  c.madrs_placebo = std::move(madrs.placebo);
  return c;
}

}  // namespace kc::brain
