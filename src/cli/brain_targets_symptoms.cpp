// Targets S (L5, a simulated cohort against trials) of issue 14's validation targets.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "cli/brain_course.h"
#include "cli/brain_targets.h"
#include "cli/output.h"

namespace kc::cli {
namespace {

constexpr double kDay = 1440;
constexpr int kCohort = 1000;

std::size_t at(double t_min) { return static_cast<std::size_t>(std::lround(t_min)); }

double smd(const brain::CohortCourse& c, double t_min) {
  const std::size_t i = at(t_min);
  const double pooled = std::sqrt(0.5 * (c.sd_drug[i] * c.sd_drug[i] + c.sd_placebo[i] * c.sd_placebo[i]));
  return pooled > 0 ? (c.mean_placebo[i] - c.mean_drug[i]) / pooled : 0;
}

double change(const brain::CohortCourse& c, double t_min) { return c.mean_drug[at(t_min)] - c.mean_drug[0]; }

Target make(std::string id, std::string what, std::string source, std::string criterion, TargetKind kind,
            std::string simulated, bool pass = false, std::string residual = "") {
  return {std::move(id), std::move(what), std::move(source), std::move(criterion), kind, std::move(simulated), pass,
          std::move(residual)};
}

std::string points(double v) { return fmt::format("{:+.1f} points", v); }

void single_dose(const brain::CohortCourse& c, std::vector<Target>& out) {
  const double s40 = smd(c, 40), s2h = smd(c, 120);
  out.push_back(make("S-1", "onset", "Kishimoto 2016; Zarate 2006 [V] [@kishimoto2016]",
                     "drug − placebo SMD ≥ 0.2 (a small effect) by 2 h", TargetKind::hard,
                     fmt::format("SMD {:.2f} at 40 min, {:.2f} at 2 h", s40, s2h), s2h >= 0.2));
  double best = 0, t_best = 0;
  for (double t = 60; t <= 14 * kDay; t += 60)
    if (smd(c, t) > best) best = smd(c, t), t_best = t;
  out.push_back(make("S-2", "peak", "Kishimoto 2016; Kryst 2020 [V] [@kishimoto2016]",
                     "largest difference at ≈ 24 h; SMD 0.9–1.0 (±0.2) vs inert placebo", TargetKind::soft,
                     fmt::format("largest SMD {:.2f} at {} h; SMD at 24 h {:.2f}", best, number(t_best / 60, 3), smd(c, kDay)),
                     false, fmt::format("{:+.2f} vs 0.95 at 24 h; peak {:+.0f} h from 24 h", smd(c, kDay) - 0.95, t_best / 60 - 24)));
  const double d7 = smd(c, 7 * kDay), d14 = smd(c, 14 * kDay);
  out.push_back(make("S-3", "decay", "Kishimoto 2016; Coyle & Laws 2015 [V] [@kishimoto2016]",
                     "SMD ≥ 0.2 at day 7, < 0.2 at day 14", TargetKind::hard,
                     fmt::format("SMD {:.2f} at day 7, {:.2f} at day 14", d7, d14), d7 >= 0.2 && d14 < 0.2));
  std::string sim, res;
  const double times[] = {kDay, 3 * kDay, 7 * kDay}, resp[] = {52.2, 47.9, 39.8}, rem[] = {20.6, 23.8, 26.2};
  double worst = 0;
  for (int k = 0; k < 3; ++k) {
    const double r = c.response_drug[at(times[k])] * 100, m = c.remission_drug[at(times[k])] * 100;
    sim += fmt::format("{}{}: {:.1f} % / {:.1f} %", k ? "; " : "", k == 0 ? "24 h" : k == 1 ? "72 h" : "day 7", r, m);
    res += fmt::format("{}{:+.1f} / {:+.1f}", k ? "; " : "", r - resp[k], m - rem[k]);
    worst = std::max({worst, std::abs(r - resp[k]), std::abs(m - rem[k])});
  }
  out.push_back(make("S-4", "response / remission after one infusion", "Han 2016 [V] [@han2016]",
                     "24 h 52 % / 21 %; 72 h 48 % / 24 %; day 7 40 % / 26 % (±10 points)", TargetKind::soft, sim, false,
                     res + (worst <= 10 ? " points: within ±10" : " points: outside ±10")));
  out.push_back(make("S-5", "active-placebo comparison", "Dean 2021; Murrough 2013a [V] [@murrough2013ajp]",
                     "MADRS −16.5 (ketamine) vs −8.8 (midazolam) at 24 h", TargetKind::soft,
                     fmt::format("drug {}, inert placebo {} at 24 h", points(change(c, kDay)),
                                 points(c.mean_placebo[at(kDay)] - c.mean_placebo[0])),
                     false, fmt::format("drug {:+.1f} points vs −16.5; no active placebo modelled", change(c, kDay) + 16.5)));
}

std::string dose_text(const PharmData& data, std::vector<double>& smds) {
  std::string text;
  for (const char* dose : {"0.1mg/kg", "0.2mg/kg", "0.5mg/kg", "1mg/kg"}) {
    auto r = standard_course(data, dose, 1, 0, 2 * kDay, kCohort);
    smds.push_back(r ? smd(*r->cohort, kDay) : NAN);
    text += fmt::format("{}{}: {:.2f}", text.empty() ? "" : "; ", dose, smds.back());
  }
  return text;
}

// Time after the last dose at which the response rate has fallen to half its value 24 h after it.
double relapse_days(const brain::CohortCourse& c, double last_min) {
  const double ref = c.response_drug[at(last_min + kDay)];
  for (double t = last_min + kDay; t < static_cast<double>(c.t_min.size()); t += 60)
    if (c.response_drug[at(t)] <= 0.5 * ref) return (t - last_min) / kDay;
  return NAN;
}

Result<void> series(const PharmData& data, std::vector<Target>& out) {
  const double every = 56 * 60;  // three a week: 6 infusions over ~12 days
  KC_TRY(auto s, standard_course(data, "0.5mg/kg", 6, every, 5 * every + 40 * kDay, kCohort));
  const double last = 5 * every, end_resp = s.cohort->response_drug[at(last + kDay)] * 100;
  const double relapse = relapse_days(*s.cohort, last);
  out.push_back(make("S-7", "series of six, three a week", "Phillips 2019; Murrough 2013b [V] [@phillips2019] [@murrough2013bp]",
                     "59–71 % responders at the end; median relapse ≈ 18 days after the last dose", TargetKind::soft,
                     fmt::format("{:.1f} % responders 24 h after the 6th; response rate halved {} days after it", end_resp,
                                 number(relapse, 3)),
                     false, fmt::format("{:+.1f} points vs 65 %; {:+.1f} days vs 18", end_resp - 65, relapse - 18)));
  KC_TRY(auto twice, standard_course(data, "0.5mg/kg", 4, 3.5 * kDay, 16 * kDay, kCohort));
  KC_TRY(auto thrice, standard_course(data, "0.5mg/kg", 6, every, 16 * kDay, kCohort));
  const double c2 = change(*twice.cohort, 15 * kDay), c3 = change(*thrice.cohort, 15 * kDay);
  out.push_back(make("S-8", "twice vs thrice weekly", "Singh 2016 [V]", "MADRS change at day 15 ≈ −18 for both",
                     TargetKind::soft, fmt::format("twice {}, thrice {}", points(c2), points(c3)), false,
                     fmt::format("{:+.1f} / {:+.1f} points vs −18", c2 + 18, c3 + 18)));
  return {};
}

// Six infusions three a week, then four weekly maintenance infusions.
Result<void> maintenance(const PharmData& data, std::vector<Target>& out) {
  const double every = 56 * 60, last_series = 5 * every;
  CourseRequest req;
  req.patient.weight = "70kg";
  req.regimen.infuse = "0.5mg/kg";
  req.regimen.over = "40min";
  for (int k = 0; k < 6; ++k) req.starts_min.push_back(k * every);
  for (int k = 1; k <= 4; ++k) req.starts_min.push_back(last_series + k * 7 * kDay);
  req.until_min = last_series + 5 * 7 * kDay;
  req.cohort = kCohort;
  KC_TRY(auto r, run_brain_course(req, data, brain::CourseParams{}));
  double lo = 1e9, hi = -1e9;
  std::string troughs;
  for (int k = 1; k <= 4; ++k) {  // just before each weekly dose
    const double m = r.cohort->mean_drug[at(last_series + k * 7 * kDay - 1)];
    lo = std::min(lo, m), hi = std::max(hi, m);
    troughs += fmt::format("{}{:.1f}", k > 1 ? ", " : "", m);
  }
  out.push_back(make("S-9", "weekly maintenance after the series", "Phillips 2019 [V] [@phillips2019]",
                     "MADRS flat during weekly maintenance (mean before each weekly dose within 3 points)", TargetKind::soft,
                     "mean MADRS before weekly doses 1–4: " + troughs, false,
                     fmt::format("range {:.1f} points{}", hi - lo, hi - lo <= 3 ? ": within 3" : ": more than 3")));
  return {};
}

}  // namespace

Result<void> symptom_targets(const PharmData& data, std::vector<Target>& out) {
  KC_TRY(auto c, standard_course(data, "0.5mg/kg", 1, 0, 14 * kDay, kCohort));
  single_dose(*c.cohort, out);
  std::vector<double> s;
  const auto text = dose_text(data, s);
  const bool ordered = s[0] < s[2] && s[1] < s[2] && s[3] <= 1.2 * s[2];
  out.push_back(make("S-6", "dose–response", "Fava 2018 [V]", "0.1 and 0.2 mg/kg weaker than 0.5; 1.0 not clearly better (≤ 1.2×)",
                     TargetKind::soft, "SMD at 24 h: " + text, false, ordered ? "ordering met" : "ordering not met"));
  KC_CHECK(series(data, out));
  return maintenance(data, out);
}

}  // namespace kc::cli
