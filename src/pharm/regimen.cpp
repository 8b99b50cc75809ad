#include "pharm/regimen.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>

namespace kc::pharm {

double Regimen::total_dose_mg() const {
  double sum = 0;
  for (const auto& b : boluses) sum += b.dose_mg;
  for (const auto& i : infusions) sum += i.dose_mg();
  for (const auto& e : extravascular) sum += e.dose_mg;
  return sum;
}

double Regimen::last_event_min() const {
  double last = 0;
  for (const auto& b : boluses) last = std::max(last, b.t_min);
  for (const auto& i : infusions) last = std::max(last, i.end_min());
  for (const auto& e : extravascular) last = std::max(last, e.t_min);
  return last;
}

std::vector<double> Regimen::event_times() const {
  std::vector<double> t;
  for (const auto& b : boluses) t.push_back(b.t_min);
  for (const auto& i : infusions) { t.push_back(i.start_min); t.push_back(i.end_min()); }
  for (const auto& e : extravascular) t.push_back(e.t_min);
  std::sort(t.begin(), t.end());
  t.erase(std::unique(t.begin(), t.end()), t.end());
  return t;
}

Regimen Regimen::for_weight_factor(double factor) const {
  Regimen r = *this;
  for (auto& b : r.boluses) if (b.per_kg) b.dose_mg *= factor;
  for (auto& i : r.infusions) if (i.per_kg) i.rate_mg_per_min *= factor;
  for (auto& e : r.extravascular) if (e.per_kg) e.dose_mg *= factor;
  return r;
}

namespace {

bool valid_time(double t) { return std::isfinite(t) && t >= 0 && t <= 60.0 * 24 * 365; }

Result<void> bad(std::string field, std::string what) {
  return fail(ErrorCode::invalid_argument, field, fmt::format("{}: {}", field, what));
}

Result<void> check_events(const Regimen& r, const ModelSpec& model) {
  for (std::size_t i = 0; i < r.boluses.size(); ++i) {
    std::string at = fmt::format("boluses[{}]", i);
    if (!valid_time(r.boluses[i].t_min)) return bad(at + ".time", "must be a time >= 0");
    if (!(r.boluses[i].dose_mg > 0) || !std::isfinite(r.boluses[i].dose_mg))
      return bad(at + ".dose", "must be a positive dose");
  }
  for (std::size_t i = 0; i < r.infusions.size(); ++i) {
    const auto& inf = r.infusions[i];
    std::string at = fmt::format("infusions[{}]", i);
    if (!valid_time(inf.start_min)) return bad(at + ".start", "must be a time >= 0");
    if (!(inf.duration_min > 0) || !valid_time(inf.duration_min))
      return bad(at + ".duration", "must be a positive duration");
    if (!(inf.rate_mg_per_min > 0) || !std::isfinite(inf.rate_mg_per_min))
      return bad(at + ".rate", "must be a positive rate");
  }
  for (std::size_t i = 0; i < r.extravascular.size(); ++i) {
    const auto& d = r.extravascular[i];
    std::string at = fmt::format("doses[{}]", i);
    if (!valid_time(d.t_min)) return bad(at + ".time", "must be a time >= 0");
    if (!(d.dose_mg > 0) || !std::isfinite(d.dose_mg)) return bad(at + ".dose", "must be a positive dose");
    if (!model.routes.contains(d.route))
      return bad(at + ".route", fmt::format("the {} model has no {} route (it has no published "
                                            "bioavailability and absorption rate for it)",
                                            model.name, to_string(d.route)));
  }
  return {};
}

}  // namespace

std::optional<Warning> implausible(const Regimen& r, double weight_kg, const RegimenLimits& limits) {
  const double total_per_kg = r.total_dose_mg() / weight_kg;
  if (total_per_kg > limits.max_total_mg_per_kg)
    return Warning{WarningCode::implausible_dose, "dose",
                   fmt::format("dose: {:.3g} mg/kg in total is implausible (limit {:g} mg/kg)", total_per_kg,
                               limits.max_total_mg_per_kg),
                   total_per_kg, std::nullopt, limits.max_total_mg_per_kg};
  for (std::size_t i = 0; i < r.infusions.size(); ++i) {
    const double per_kg = r.infusions[i].rate_mg_per_min / weight_kg;
    if (per_kg > limits.max_rate_mg_per_kg_per_min)
      return Warning{WarningCode::implausible_dose, fmt::format("infusions[{}].rate", i),
                     fmt::format("infusions[{}].rate: {:.3g} mg/kg/min exceeds {:g} mg/kg/min", i, per_kg,
                                 limits.max_rate_mg_per_kg_per_min),
                     per_kg, std::nullopt, limits.max_rate_mg_per_kg_per_min};
  }
  return std::nullopt;
}

Result<void> validate(const Regimen& regimen, const ModelSpec& model, double weight_kg,
                      const RegimenLimits& limits, bool force) {
  if (regimen.empty()) return fail(ErrorCode::invalid_argument, "regimen", "regimen: no doses given");
  if (auto ok = check_events(regimen, model); !ok) return ok;
  if (auto w = implausible(regimen, weight_kg, limits); w && !force) return std::unexpected(refusal(*w));
  return {};
}

}  // namespace kc::pharm
