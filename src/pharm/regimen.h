#pragma once
// A dosing regimen in absolute amounts: IV boluses, any number of zero-order
// infusions (overlapping ones add; a rate change is two back-to-back infusions,
// a pause a gap), and extravascular doses absorbed first-order from a depot.
// Times are minutes from the start of the simulation (t = 0); amounts mg.
#include <vector>

#include "core/error.h"
#include "pharm/model.h"

namespace kc::pharm {

// `per_kg` marks an amount prescribed per kg of body weight (0.5 mg/kg): a virtual
// patient of another weight gets it scaled (Regimen::for_weight).
struct Bolus {
  double t_min = 0;
  double dose_mg = 0;
  bool per_kg = false;
};

struct Infusion {
  double start_min = 0;
  double duration_min = 0;
  double rate_mg_per_min = 0;
  bool per_kg = false;
  double end_min() const { return start_min + duration_min; }
  double dose_mg() const { return rate_mg_per_min * duration_min; }
};

struct ExtravascularDose {
  double t_min = 0;
  double dose_mg = 0;  // as given; the model's bioavailability applies
  Route route = Route::intranasal;
  bool per_kg = false;
};

struct Regimen {
  std::vector<Bolus> boluses;
  std::vector<Infusion> infusions;
  std::vector<ExtravascularDose> extravascular;

  bool empty() const { return boluses.empty() && infusions.empty() && extravascular.empty(); }
  double total_dose_mg() const;
  double last_event_min() const;  // end of the last infusion or time of the last dose
  // Every time at which the input changes (doses, infusion starts and ends), sorted, unique.
  std::vector<double> event_times() const;
  // The same regimen for a patient `factor` times as heavy: per-kg amounts scale.
  Regimen for_weight_factor(double factor) const;
};

// Input plausibility, not clinical policy: bounds a typing error (mg for ug, h for
// min) would break. Override with force where the caller allows it.
struct RegimenLimits {
  // 10x the top of the 1-2 mg/kg anaesthetic induction range [V] Zanos 2018 Table 1.
  double max_total_mg_per_kg = 20.0;
  // STANPUMP's ketamine maximum rate 0.75 mg/kg/min [V] STANPUMP source
  // (docs/sources.md#stanpump).
  double max_rate_mg_per_kg_per_min = 0.75;
};

// The first total dose or infusion rate beyond the limits (field "dose" or
// "infusions[i].rate", code implausible_dose; value and high in mg/kg or
// mg/kg/min), or nothing.
std::optional<Warning> implausible(const Regimen& regimen, double weight_kg, const RegimenLimits& limits);

// Checks each event (field names like "infusions[1].duration") and that every
// extravascular route is one the model supports (ErrorCode::invalid_argument), and
// the plausibility limits (refusal(implausible)) unless force is set.
Result<void> validate(const Regimen& regimen, const ModelSpec& model, double weight_kg,
                      const RegimenLimits& limits, bool force);

}  // namespace kc::pharm
