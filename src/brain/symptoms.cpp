#include "brain/symptoms.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <utility>

namespace kc::brain {
namespace {

constexpr double kMaxMadrs = 60;
constexpr double kRemissionMadrs = 10;

// splitmix64: a tiny generator whose output is the same on every platform,
// unlike std::normal_distribution.
struct Rng {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double uniform() { return (static_cast<double>(next() >> 11) + 0.5) * 0x1.0p-53; }
  double normal() {  // Box-Muller, one value per call
    return std::sqrt(-2 * std::log(uniform())) * std::cos(2 * std::numbers::pi * uniform());
  }
};

// The placebo curve per point of P_max; the same for every patient of a cohort.
std::vector<double> placebo_shape(const SymptomDrive& drive, const SymptomParams& p) {
  std::vector<double> shape;
  shape.reserve(drive.t_min.size());
  for (double t_min : drive.t_min) {
    const double t_h = t_min / 60;
    shape.push_back(-std::expm1(-t_h / p.placebo_onset_h) * std::exp(-t_h / (p.placebo_decay_d * 24)));
  }
  return shape;
}

double clamp_madrs(double m) { return std::clamp(m, 0.0, kMaxMadrs); }

SymptomParams draw(Rng& rng, const SymptomParams& t, const SymptomVariability& v) {
  SymptomParams p = t;
  p.madrs_baseline = std::clamp(t.madrs_baseline + v.madrs_baseline_sd * rng.normal(), 20.0, 50.0);
  p.placebo_max = t.placebo_max + v.placebo_sd * rng.normal();
  p.acute_max = std::min(0.95, t.acute_max * std::exp(v.acute_log_sd * rng.normal()));
  p.synaptic_max = t.synaptic_max * std::exp(v.synaptic_log_sd * rng.normal());
  p.synaptic_half = t.synaptic_half * std::exp(v.synaptic_half_log_sd * rng.normal());
  return p;
}

}  // namespace

Result<void> check(const SymptomParams& p) {
  const std::pair<const char*, double> positive[] = {
      {"madrs_baseline", p.madrs_baseline}, {"k_out_per_h", p.k_out_per_h},         {"acute_half", p.acute_half},
      {"synaptic_half", p.synaptic_half},   {"placebo_onset_h", p.placebo_onset_h}, {"placebo_decay_d", p.placebo_decay_d}};
  for (const auto& [name, v] : positive)
    if (!(v > 0 && std::isfinite(v))) return fail(ErrorCode::invalid_argument, name, std::string(name) + ": must be > 0");
  if (!(p.acute_max >= 0 && p.acute_max < 1))
    return fail(ErrorCode::invalid_argument, "acute_max", "acute_max: must be in [0, 1)");
  if (!(p.synaptic_max >= 0 && std::isfinite(p.synaptic_max)))
    return fail(ErrorCode::invalid_argument, "synaptic_max", "synaptic_max: must be >= 0");
  return {};
}

namespace {

MadrsCourse madrs_with(const SymptomDrive& drive, const SymptomParams& p, const std::vector<double>& shape) {
  MadrsCourse out;
  out.drug.reserve(drive.t_min.size());
  out.placebo.reserve(drive.t_min.size());
  double d = 1;
  for (std::size_t i = 0; i < drive.t_min.size(); ++i) {
    if (i > 0) {
      // Exact for the drives held at their values at the start of the step.
      const double x = std::max(0.0, drive.ampa_rel[i - 1] - 1), y = drive.spines_excess[i - 1];
      const double acute = p.acute_max * x / (p.acute_half + x);
      const double syn = p.synaptic_max * y / (p.synaptic_half + y);
      const double loss = p.k_out_per_h / 60 * (1 + syn);
      const double target = (1 - acute) / (1 + syn);
      d += (target - d) * -std::expm1(-loss * (drive.t_min[i] - drive.t_min[i - 1]));
    }
    const double placebo = p.placebo_max * shape[i];
    out.drug.push_back(clamp_madrs(p.madrs_baseline * d - placebo));
    out.placebo.push_back(clamp_madrs(p.madrs_baseline - placebo));
  }
  return out;
}

}  // namespace

MadrsCourse madrs_course(const SymptomDrive& drive, const SymptomParams& p) {
  return madrs_with(drive, p, placebo_shape(drive, p));
}

Result<CohortCourse> cohort_course(const SymptomDrive& drive, const SymptomParams& typical,
                                   const SymptomVariability& spread, int n, std::uint64_t seed, std::size_t every) {
  KC_CHECK(check(typical));
  if (n < 2) return fail(ErrorCode::invalid_argument, "n", "n: a cohort needs at least 2 patients");
  if (every == 0) return fail(ErrorCode::invalid_argument, "every", "every: must be at least 1");
  CohortCourse c;
  for (std::size_t i = 0; i < drive.t_min.size(); i += every) c.t_min.push_back(drive.t_min[i]);
  const std::size_t m = c.t_min.size();
  std::vector<double> sum_d(m), sum_p(m), sq_d(m), sq_p(m), resp_d(m), resp_p(m), rem_d(m), rem_p(m);
  Rng rng{seed};
  const auto shape = placebo_shape(drive, typical);  // the placebo timing is not drawn
  for (int k = 0; k < n; ++k) {
    const auto p = draw(rng, typical, spread);
    const auto course = madrs_with(drive, p, shape);
    for (std::size_t j = 0; j < m; ++j) {
      const double md = course.drug[j * every], mp = course.placebo[j * every];
      sum_d[j] += md, sq_d[j] += md * md, sum_p[j] += mp, sq_p[j] += mp * mp;
      resp_d[j] += md <= 0.5 * p.madrs_baseline, resp_p[j] += mp <= 0.5 * p.madrs_baseline;
      rem_d[j] += md <= kRemissionMadrs, rem_p[j] += mp <= kRemissionMadrs;
    }
  }
  const auto sd = [n](double sum, double sq) { return std::sqrt(std::max(0.0, (sq - sum * sum / n) / (n - 1))); };
  for (std::size_t j = 0; j < m; ++j) {
    c.mean_drug.push_back(sum_d[j] / n), c.mean_placebo.push_back(sum_p[j] / n);
    c.sd_drug.push_back(sd(sum_d[j], sq_d[j])), c.sd_placebo.push_back(sd(sum_p[j], sq_p[j]));
    c.response_drug.push_back(resp_d[j] / n), c.response_placebo.push_back(resp_p[j] / n);
    c.remission_drug.push_back(rem_d[j] / n), c.remission_placebo.push_back(rem_p[j] / n);
  }
  return c;
}

}  // namespace kc::brain
