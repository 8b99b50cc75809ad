#pragma once
// Clinic-policy dose caps: limits a medical director approves
// (data/clinic/dose_policy.json, read by src/catalog), checked against a
// regimen or a TCI target before a prediction is shown. Not the engine's
// plausibility limits (pharm/regimen.h RegimenLimits), which catch unit slips.
//
// Each cap has an optional soft and hard limit: a value above the hard limit
// is `blocked` (no override), above the soft limit it `needs_override` (allowed
// with an override reason). A value equal to a limit is within it. No I/O.
//
// Units: mg, mg/kg, mg/kg/h, ng/mL, kg.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "pharm/regimen.h"

namespace kc::pharm {

enum class CapCode {
  dose_mg_per_kg,        // the whole session's dose per kg of body weight
  total_mg,              // the whole session's dose
  rate_mg_per_kg_per_h,  // the highest summed infusion rate at any time
  target_ng_ml,          // a TCI target concentration
};
std::string_view to_string(CapCode code);
std::string_view unit_of(CapCode code);  // "mg/kg", "mg", "mg/kg/h", "ng/mL"

struct DoseCap {
  std::optional<double> soft, hard;  // in the unit of the cap; hard >= soft when both are set
  std::string source;                // why this number: a citation, or "[U] clinic setting: ..."
};

struct DosePolicy {
  std::string drug = "ketamine";  // the caps apply to predictions of this drug only
  DoseCap dose_mg_per_kg, total_mg, rate_mg_per_kg_per_h, target_ng_ml;
  // The default maximum rate of a TCI pump (a clinic setting, lower than the
  // drug's anaesthetic limit in RegimenLimits); mg/kg/h.
  double tci_max_rate_mg_per_kg_per_h = 6;
  std::string tci_max_rate_source;

  const DoseCap& cap(CapCode code) const;
};

enum class FindingLevel { needs_override, blocked };
std::string_view to_string(FindingLevel level);

struct PolicyFinding {
  FindingLevel level = FindingLevel::needs_override;
  CapCode cap = CapCode::dose_mg_per_kg;
  double value = 0;  // what was checked, in the cap's unit
  double limit = 0;  // the soft or hard limit it is above
  std::string message;  // "total_mg: 72.5 mg is above the clinic's soft cap of 60 mg (...)"
};

// What a session delivers, in the caps' units.
struct DoseAmounts {
  double weight_kg = 0;  // contract: > 0
  double total_mg = 0;
  double max_rate_mg_per_h = 0;
  std::vector<double> targets_ng_ml;
};

// The amounts of a regimen: its total dose and its highest summed infusion rate.
DoseAmounts amounts_of(const Regimen& regimen, double weight_kg);

// Every cap the amounts are above, hard caps before soft ones; empty when within all.
std::vector<PolicyFinding> check_dose(const DosePolicy& policy, const DoseAmounts& amounts);

// Findings as a decision: a blocked finding refuses (ErrorCode::out_of_validity,
// reason "dose_above_hard_cap"); a needs_override finding refuses without an override
// reason (ErrorCode::precondition_failed, reason "dose_needs_override"). The error's
// field is the cap's code; callers restate it in their own terms.
Result<void> decide(const std::vector<PolicyFinding>& findings, std::string_view override_reason);

}  // namespace kc::pharm
