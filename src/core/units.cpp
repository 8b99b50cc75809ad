#include "core/units.h"

#include <array>
#include <charconv>
#include <cmath>
#include <fmt/format.h>

namespace kc::units {
namespace {

struct Atom {
  std::string_view name;
  Dimension dim;
  double factor;  // base units per one of this unit
};

// "u", "mcg" and both Unicode micro signs are accepted for micro.
constexpr std::array kAtoms{
    Atom{"mg", kMass, 1.0},          Atom{"g", kMass, 1e3},
    Atom{"kg", kMass, 1e6},          Atom{"ug", kMass, 1e-3},
    Atom{"mcg", kMass, 1e-3},        Atom{"\u00b5g", kMass, 1e-3},
    Atom{"\u03bcg", kMass, 1e-3},    Atom{"ng", kMass, 1e-6},
    Atom{"lb", kMass, kKgPerLb * 1e6}, Atom{"lbs", kMass, kKgPerLb * 1e6},
    Atom{"s", kTime, 1.0 / 60},      Atom{"sec", kTime, 1.0 / 60},
    Atom{"min", kTime, 1.0},         Atom{"h", kTime, 60.0},
    Atom{"hr", kTime, 60.0},         Atom{"d", kTime, 1440.0},
    Atom{"day", kTime, 1440.0},      Atom{"days", kTime, 1440.0},
    Atom{"wk", kTime, 10080.0},      Atom{"y", kTime, 525960.0},  // Julian year, 365.25 d
    Atom{"yr", kTime, 525960.0},     Atom{"years", kTime, 525960.0},
    Atom{"mL", Dimension{0, 0, 1, 0}, 1.0}, Atom{"ml", Dimension{0, 0, 1, 0}, 1.0},
    Atom{"L", Dimension{0, 0, 1, 0}, 1e3},  Atom{"l", Dimension{0, 0, 1, 0}, 1e3},
    Atom{"%", kDimensionless, 0.01},
};

const Atom* find_atom(std::string_view name) {
  for (const auto& atom : kAtoms)
    if (atom.name == name) return &atom;
  return nullptr;
}

Dimension combine(Dimension a, Dimension b, int sign) {
  return Dimension{static_cast<std::int8_t>(a.mass + sign * b.mass),
                   static_cast<std::int8_t>(a.time + sign * b.time),
                   static_cast<std::int8_t>(a.volume + sign * b.volume),
                   static_cast<std::int8_t>(a.body + sign * b.body)};
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// A denominator kg/lb is body weight: mg/kg is a dose per kg of patient.
Result<Quantity> denominator_atom(std::string_view name, std::string_view field) {
  const Atom* atom = find_atom(name);
  if (atom == nullptr || atom->name == "%")
    return fail(ErrorCode::invalid_argument, std::string(field),
                fmt::format("{}: unknown unit '{}'", field, name));
  if (atom->dim == kMass && (name == "kg" || name == "lb" || name == "lbs"))
    return Quantity{atom->factor / 1e6, Dimension{0, 0, 0, 1}};
  return Quantity{atom->factor, atom->dim};
}

Result<Quantity> parse_unit(std::string_view unit, std::string_view field) {
  Quantity q{1.0, kDimensionless};
  std::size_t start = 0;
  for (int part = 0; start <= unit.size(); ++part) {
    std::size_t slash = unit.find('/', start);
    std::string_view name = trim(unit.substr(start, slash - start));
    if (part == 0 && (name.empty() || name == "1")) {
      // "/min" or "1/min": a rate constant
    } else if (part == 0) {
      const Atom* atom = find_atom(name);
      if (atom == nullptr)
        return fail(ErrorCode::invalid_argument, std::string(field),
                    fmt::format("{}: unknown unit '{}'", field, name));
      q = Quantity{atom->factor, atom->dim};
    } else {
      auto den = denominator_atom(name, field);
      if (!den) return std::unexpected(den.error());
      q.value /= den->value;
      q.dim = combine(q.dim, den->dim, -1);
    }
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return q;
}

}  // namespace

std::string describe(Dimension dim) {
  if (dim == kMass) return "a mass such as 35mg or 70kg";
  if (dim == kTime) return "a duration such as 40min or 2h";
  if (dim == kPerTime) return "a rate constant such as 0.652/min";
  if (dim == kMassPerBody) return "a dose per body weight such as 0.5mg/kg";
  if (dim == kMassRate) return "a dosing rate such as 52mg/h";
  if (dim == kMassRatePerBody) return "a dosing rate per body weight such as 0.75mg/kg/h";
  if (dim == kConcentration) return "a concentration such as 200ng/mL or 10mg/mL";
  if (dim == kVolumeRate) return "a pump rate such as 1200mL/h";
  if (dim == kDimensionless) return "a fraction such as 30%";
  return "a quantity with a unit";
}

Result<Quantity> parse(std::string_view text, std::string_view field) {
  std::string_view s = trim(text);
  double number = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
  if (ec != std::errc{} || s.empty() || !std::isfinite(number))
    return fail(ErrorCode::invalid_argument, std::string(field),
                fmt::format("{}: '{}' is not a number followed by a unit", field, text));
  std::string_view unit = trim(s.substr(static_cast<std::size_t>(end - s.data())));
  if (unit.empty())
    return fail(ErrorCode::invalid_argument, std::string(field),
                fmt::format("{}: '{}' has no unit (write e.g. 70kg, 40min, 0.5mg/kg)", field, text));
  auto q = parse_unit(unit, field);
  if (!q) return q;
  q->value *= number;
  return q;
}

Result<double> parse_as(std::string_view text, Dimension want, std::string_view field) {
  auto q = parse(text, field);
  if (!q) return std::unexpected(q.error());
  if (!(q->dim == want))
    return fail(ErrorCode::invalid_argument, std::string(field),
                fmt::format("{}: '{}' has the wrong unit; expected {}", field, text, describe(want)));
  return q->value;
}

Result<double> parse_mass_mg(std::string_view text, std::string_view field) {
  return parse_as(text, kMass, field);
}
Result<double> parse_duration_min(std::string_view text, std::string_view field) {
  return parse_as(text, kTime, field);
}
Result<double> parse_weight_kg(std::string_view text, std::string_view field) {
  auto mg = parse_as(text, kMass, field);
  if (!mg) return mg;
  return *mg / 1e6;
}
Result<double> parse_concentration_mg_per_ml(std::string_view text, std::string_view field) {
  return parse_as(text, kConcentration, field);
}
Result<double> parse_concentration_ng_per_ml(std::string_view text, std::string_view field) {
  auto mg_per_ml = parse_as(text, kConcentration, field);
  if (!mg_per_ml) return mg_per_ml;
  return *mg_per_ml * 1e6;
}
Result<double> parse_rate_constant_per_min(std::string_view text, std::string_view field) {
  return parse_as(text, kPerTime, field);
}
Result<double> parse_fraction(std::string_view text, std::string_view field) {
  return parse_as(text, kDimensionless, field);
}

Result<double> parse_molar_um(std::string_view text, std::string_view field) {
  std::string_view s = trim(text);
  double number = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), number);
  const std::string_view unit = ec == std::errc{} ? trim(s.substr(static_cast<std::size_t>(end - s.data())))
                                                  : std::string_view{};
  double factor = 0;
  if (unit == "uM" || unit == "\u00b5M" || unit == "\u03bcM") factor = 1;
  else if (unit == "nM") factor = 1e-3;
  else if (unit == "mM") factor = 1e3;
  if (factor == 0 || !std::isfinite(number))
    return fail(ErrorCode::invalid_argument, std::string(field),
                fmt::format("{}: '{}' is not a molar concentration such as 0.5uM or 300nM", field, text));
  return number * factor;
}

Result<Dose> parse_dose(std::string_view text, std::string_view field) {
  auto q = parse(text, field);
  if (!q) return std::unexpected(q.error());
  if (q->dim == kMass) return Dose{q->value, false};
  if (q->dim == kMassPerBody) return Dose{q->value, true};
  return fail(ErrorCode::invalid_argument, std::string(field),
              fmt::format("{}: '{}' is not a dose; expected a mass such as 35mg or a dose per "
                          "body weight such as 0.5mg/kg",
                          field, text));
}

Result<DoseRate> parse_dose_rate(std::string_view text, std::string_view field) {
  auto q = parse(text, field);
  if (!q) return std::unexpected(q.error());
  if (q->dim == kMassRate) return DoseRate{q->value, false};
  if (q->dim == kMassRatePerBody) return DoseRate{q->value, true};
  return fail(ErrorCode::invalid_argument, std::string(field),
              fmt::format("{}: '{}' is not a dosing rate; expected e.g. 52mg/h or 0.75mg/kg/h",
                          field, text));
}

}  // namespace kc::units
