#include "pharm/dose_policy.h"

#include <fmt/format.h>

#include <algorithm>

#include "core/contract.h"

namespace kc::pharm {

std::string_view to_string(CapCode code) {
  switch (code) {
    case CapCode::dose_mg_per_kg: return "dose_mg_per_kg";
    case CapCode::total_mg: return "total_mg";
    case CapCode::rate_mg_per_kg_per_h: return "rate_mg_per_kg_per_h";
    case CapCode::target_ng_ml: return "target_ng_ml";
  }
  return "unknown";
}

std::string_view unit_of(CapCode code) {
  switch (code) {
    case CapCode::dose_mg_per_kg: return "mg/kg";
    case CapCode::total_mg: return "mg";
    case CapCode::rate_mg_per_kg_per_h: return "mg/kg/h";
    case CapCode::target_ng_ml: return "ng/mL";
  }
  return "";
}

std::string_view to_string(FindingLevel level) {
  return level == FindingLevel::blocked ? "blocked" : "needs_override";
}

const DoseCap& DosePolicy::cap(CapCode code) const {
  switch (code) {
    case CapCode::dose_mg_per_kg: return dose_mg_per_kg;
    case CapCode::total_mg: return total_mg;
    case CapCode::rate_mg_per_kg_per_h: return rate_mg_per_kg_per_h;
    case CapCode::target_ng_ml: return target_ng_ml;
  }
  return target_ng_ml;
}

namespace {

// The summed rate of the infusions running over [t, next event).
double rate_from(const Regimen& r, double t_min) {
  double sum = 0;
  for (const auto& i : r.infusions)
    if (i.start_min <= t_min && t_min < i.end_min()) sum += i.rate_mg_per_min;
  return sum;
}

std::optional<PolicyFinding> against(const DoseCap& cap, CapCode code, double value) {
  const auto finding = [&](FindingLevel level, double limit) {
    const char* which = level == FindingLevel::blocked ? "hard cap" : "soft cap";
    return PolicyFinding{level, code, value, limit,
                         fmt::format("{}: {:.4g} {} is above the clinic's {} of {:g} {} ({})", to_string(code), value,
                                     unit_of(code), which, limit, unit_of(code), cap.source)};
  };
  if (cap.hard && value > *cap.hard) return finding(FindingLevel::blocked, *cap.hard);
  if (cap.soft && value > *cap.soft) return finding(FindingLevel::needs_override, *cap.soft);
  return std::nullopt;
}

}  // namespace

DoseAmounts amounts_of(const Regimen& r, double weight_kg) {
  DoseAmounts a{weight_kg, r.total_dose_mg(), 0, {}};
  for (double t : r.event_times()) a.max_rate_mg_per_h = std::max(a.max_rate_mg_per_h, rate_from(r, t) * 60);
  return a;
}

std::vector<PolicyFinding> check_dose(const DosePolicy& p, const DoseAmounts& a) {
  KC_EXPECT(a.weight_kg > 0, "a dose is checked for a patient with a weight");
  std::vector<std::optional<PolicyFinding>> all{
      against(p.dose_mg_per_kg, CapCode::dose_mg_per_kg, a.total_mg / a.weight_kg),
      against(p.total_mg, CapCode::total_mg, a.total_mg),
      against(p.rate_mg_per_kg_per_h, CapCode::rate_mg_per_kg_per_h, a.max_rate_mg_per_h / a.weight_kg)};
  for (double target : a.targets_ng_ml) all.push_back(against(p.target_ng_ml, CapCode::target_ng_ml, target));
  std::vector<PolicyFinding> out;
  for (auto& f : all)
    if (f) out.push_back(std::move(*f));
  std::stable_partition(out.begin(), out.end(), [](const auto& f) { return f.level == FindingLevel::blocked; });
  return out;
}

Result<void> decide(const std::vector<PolicyFinding>& findings, std::string_view override_reason) {
  if (findings.empty()) return {};
  const auto& first = findings.front();  // a blocked one when there is any
  const std::string field(to_string(first.cap));
  if (first.level == FindingLevel::blocked)
    return fail(ErrorCode::out_of_validity, field, first.message + "; a hard cap cannot be overridden",
                "dose_above_hard_cap");
  if (override_reason.find_first_not_of(" \t") == std::string_view::npos)
    return fail(ErrorCode::precondition_failed, field, first.message + "; give an override reason to proceed",
                "dose_needs_override");
  return {};
}

}  // namespace kc::pharm
