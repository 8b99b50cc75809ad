#pragma once
// Quantities typed on the command line or in data files always carry a unit:
// "0.5mg/kg", "35mg", "40min", "2h", "70kg", "154lb", "10mg/mL", "200ng/mL",
// "0.652/min", "30%". A bare number is rejected, as is a unit of the wrong kind.
//
// Parsed values are returned in the project's base units, which the names of
// the helpers repeat: mass mg, time min, volume mL, body weight kg. A "kg" or
// "lb" in a denominator means "per kg of body weight" (mg/kg is a dose, not a
// dimensionless ratio). Pure functions, thread-safe.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/error.h"

namespace kc::units {

struct Dimension {
  std::int8_t mass = 0;    // mg
  std::int8_t time = 0;    // min
  std::int8_t volume = 0;  // mL
  std::int8_t body = 0;    // kg of body weight (only ever negative: "per kg")
  friend bool operator==(const Dimension&, const Dimension&) = default;
};

inline constexpr Dimension kDimensionless{};
inline constexpr Dimension kMass{1, 0, 0, 0};
inline constexpr Dimension kTime{0, 1, 0, 0};
inline constexpr Dimension kPerTime{0, -1, 0, 0};
inline constexpr Dimension kMassPerBody{1, 0, 0, -1};
inline constexpr Dimension kMassRate{1, -1, 0, 0};
inline constexpr Dimension kMassRatePerBody{1, -1, 0, -1};
inline constexpr Dimension kConcentration{1, 0, -1, 0};  // mg/mL
inline constexpr Dimension kVolumeRate{0, -1, 1, 0};      // mL/min
inline constexpr Dimension kVolume{0, 0, 1, 0};           // mL
inline constexpr Dimension kVolumePerBody{0, 0, 1, -1};   // mL/kg
inline constexpr Dimension kVolumeRatePerBody{0, -1, 1, -1};
inline constexpr double kMinPerYear = 525960.0;           // Julian year

struct Quantity {
  double value = 0;  // in base units
  Dimension dim;
};

// "what the user should have typed" for a dimension, e.g. "a mass such as 35mg".
std::string describe(Dimension dim);

Result<Quantity> parse(std::string_view text, std::string_view field);
// Parses and checks the dimension; the value is in base units.
Result<double> parse_as(std::string_view text, Dimension want, std::string_view field);

Result<double> parse_mass_mg(std::string_view text, std::string_view field);
Result<double> parse_duration_min(std::string_view text, std::string_view field);
Result<double> parse_weight_kg(std::string_view text, std::string_view field);
Result<double> parse_concentration_ng_per_ml(std::string_view text, std::string_view field);
Result<double> parse_concentration_mg_per_ml(std::string_view text, std::string_view field);
Result<double> parse_rate_constant_per_min(std::string_view text, std::string_view field);
Result<double> parse_fraction(std::string_view text, std::string_view field);  // "30%" -> 0.3
// A molar concentration ("0.5uM", "300nM", "0.5µM", "1mM") in umol/L.
Result<double> parse_molar_um(std::string_view text, std::string_view field);

// A dose is an amount (mg) or an amount per kg of body weight (mg/kg).
struct Dose {
  double value = 0;  // mg, or mg/kg when per_kg
  bool per_kg = false;
  double mg_for(double weight_kg) const { return per_kg ? value * weight_kg : value; }
};
Result<Dose> parse_dose(std::string_view text, std::string_view field);

// A dosing rate is mg/min, or mg/kg/min when per_kg (typed as mg/h, mg/kg/h, ...).
struct DoseRate {
  double value = 0;
  bool per_kg = false;
  double mg_per_min_for(double weight_kg) const { return per_kg ? value * weight_kg : value; }
};
Result<DoseRate> parse_dose_rate(std::string_view text, std::string_view field);

inline constexpr double kKgPerLb = 0.45359237;  // exact by definition (1959)

}  // namespace kc::units
