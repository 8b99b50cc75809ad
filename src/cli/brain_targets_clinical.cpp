// Targets P (L4) and S (L5) of issue 14's validation targets, and the standard course.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli/brain_course.h"
#include "cli/brain_targets.h"
#include "cli/output.h"

namespace kc::cli {
namespace {

constexpr double kDay = 1440;

std::size_t at(double t_min) { return static_cast<std::size_t>(std::lround(t_min)); }

double peak_time(const std::vector<double>& v) {
  return static_cast<double>(std::max_element(v.begin(), v.end()) - v.begin());
}

std::string pct(double fraction) { return fmt::format("{:.1f} %", fraction * 100); }

void p1_to_p4(const CourseResult& c, const CourseResult& rapa, const CourseResult& deleted, std::vector<Target>& out) {
  const auto& t = c.trace;
  const double tm = peak_time(t.mtor), tp = peak_time(t.protein), ts = peak_time(t.spines), s0 = t.spines[0];
  out.push_back(hard("P-1", "ordering after one dose", "Li 2010; Moda-Sava 2019 [V qualitative] [@li2010]",
                     "peak mTORC1 before peak proteins before peak spines; S(24 h) > S(0)",
                     fmt::format("peaks at {} min, {} min, {} h; S(24 h) − S(0) = {:+.4f}", number(tm, 4), number(tp, 4),
                                 number(ts / 60, 4), t.spines[at(kDay)] - s0),
                     tm < tp && tp < ts && t.spines[at(kDay)] > s0));
  const double rapa_rise = *std::max_element(rapa.trace.spines.begin(), rapa.trace.spines.end()) - s0;
  const double rapa_effect = rapa.trace.madrs_placebo[at(3 * kDay)] - rapa.trace.madrs[at(3 * kDay)];
  out.push_back(hard("P-2", "rapamycin switch", "Li 2010 [V] [@li2010]",
                     "no spine increase; no effect from day 3 on (typical patient, drug − placebo < 0.5 MADRS points)",
                     fmt::format("spine rise {:.2e}; effect at day 3 {} points", rapa_rise, number(rapa_effect, 3)),
                     rapa_rise <= 1e-12 && rapa_effect < 0.5));
  const auto effect = [](const CourseResult& r, double t_min) {
    return r.trace.madrs_placebo[at(t_min)] - r.trace.madrs[at(t_min)];
  };
  const bool same_early = std::abs(effect(deleted, 6 * 60) - effect(c, 6 * 60)) < 1e-9;
  const double kept = effect(deleted, 2 * kDay) / effect(c, 2 * kDay);
  out.push_back(hard("P-3", "new spines needed for maintenance, not induction", "Moda-Sava 2019 [V] [@li2010]",
                     "spines deleted at 24 h: the first 6 h unchanged; at day 2 under 25 % of the intact effect",
                     fmt::format("effect at 6 h {} vs {}; at day 2 {} of intact", number(effect(deleted, 360), 4),
                                 number(effect(c, 360), 4), number(kept, 3)),
                     same_early && kept < 0.25));
  const double back = (t.spines[at(kDay)] - s0) / (1 - s0);
  out.push_back(soft("P-4", "reversal of the stress deficit", "Li 2011 [V]",
                     "S back toward the healthy density within ≈ 1 day",
                     fmt::format("{} of the deficit recovered at 24 h", pct(back)), fmt::format("{} recovered", pct(back))));
}

void p5_to_p7(std::vector<Target>& out) {
  brain::PlasticityParams p;
  brain::PlasticState s = brain::baseline_state(p);
  for (int m = 0; m < 2 * 1440; ++m) brain::advance(s, p, {1, 0, 0}, 1.0);
  out.push_back(soft("P-5", "scaling module alone, 2 days of silencing", "Wierenga 2005; Kilman 2002 [V] [@wierenga2005] [@kilman2002]",
                     "excitatory strength > 2×, inhibitory ↓",
                     fmt::format("w_e {}, w_i {}", number(s.scaling_e, 3), number(s.scaling_i, 3)),
                     s.scaling_e > 2 && s.scaling_i < 1 ? "both directions met" : "not met"));
  out.push_back({"P-6", "peripheral BDNF in responders only", "Medeiros 2022 [V]", "", TargetKind::not_covered,
                 "BDNF is the same for every simulated patient (variability is in L5 only)", false, ""});
  out.push_back({"P-7", "repeated daily dosing, mouse spine formation", "Pryazhnikov 2018 [V]", "", TargetKind::not_covered,
                 "optional; no mouse configuration", false, ""});
}

}  // namespace

Result<CourseResult> standard_course(const PharmData& data, const std::string& dose_per_kg, int repeat,
                                     double every_min, double until_min, int cohort, bool rapamycin,
                                     std::optional<double> delete_spines_min) {
  CourseRequest req;
  req.patient.weight = "70kg";
  req.regimen.infuse = dose_per_kg;
  req.regimen.over = "40min";
  req.repeat = repeat;
  req.every_min = every_min;
  req.until_min = until_min;
  req.cohort = cohort;
  brain::CourseParams params;
  params.plasticity.rapamycin = rapamycin;
  params.delete_new_spines_at_min = delete_spines_min;
  return run_brain_course(req, data, params);
}

Result<void> plasticity_targets(const PharmData& data, std::vector<Target>& out) {
  KC_TRY(auto c, standard_course(data, "0.5mg/kg", 1, 0, 14 * kDay, 0));
  KC_TRY(auto rapa, standard_course(data, "0.5mg/kg", 1, 0, 14 * kDay, 0, true));
  KC_TRY(auto deleted, standard_course(data, "0.5mg/kg", 1, 0, 14 * kDay, 0, false, kDay));
  p1_to_p4(c, rapa, deleted, out);
  p5_to_p7(out);
  return {};
}

}  // namespace kc::cli
