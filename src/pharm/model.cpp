#include "pharm/model.h"

#include <cmath>
#include <fmt/format.h>

namespace kc::pharm {

std::string_view to_string(Route route) {
  switch (route) {
    case Route::iv: return "iv";
    case Route::intranasal: return "intranasal";
    case Route::intramuscular: return "intramuscular";
    case Route::oral: return "oral";
    case Route::sublingual: return "sublingual";
  }
  return "iv";
}

Result<Route> parse_route(std::string_view text, std::string_view field) {
  for (Route r : {Route::iv, Route::intranasal, Route::intramuscular, Route::oral, Route::sublingual})
    if (text == to_string(r)) return r;
  if (text == "in" || text == "nasal") return Route::intranasal;
  if (text == "im") return Route::intramuscular;
  if (text == "po") return Route::oral;
  if (text == "sl") return Route::sublingual;
  return fail(ErrorCode::invalid_argument, std::string(field),
              fmt::format("{}: unknown route '{}' (iv, intranasal, intramuscular, oral, sublingual)",
                          field, text));
}

std::string_view to_string(Param param) {
  switch (param) {
    case Param::v1: return "v1";
    case Param::v2: return "v2";
    case Param::v3: return "v3";
    case Param::cl: return "cl";
    case Param::q2: return "q2";
    case Param::q3: return "q3";
  }
  return "v1";
}

Result<Param> parse_param(std::string_view text, std::string_view field) {
  for (Param p : kParams)
    if (text == to_string(p)) return p;
  return fail(ErrorCode::invalid_argument, std::string(field),
              fmt::format("{}: unknown parameter '{}' (v1, v2, v3, cl, q2, q3)", field, text));
}

double& PkParams::operator[](Param p) {
  switch (p) {
    case Param::v1: return v1_l;
    case Param::v2: return v2_l;
    case Param::v3: return v3_l;
    case Param::cl: return cl_l_per_min;
    case Param::q2: return q2_l_per_min;
    case Param::q3: return q3_l_per_min;
  }
  return v1_l;
}

double PkParams::operator[](Param p) const { return const_cast<PkParams&>(*this)[p]; }

MicroConstants to_micro(const PkParams& p) {
  MicroConstants m;
  m.compartments = p.compartments;
  m.v1_l = p.v1_l;
  m.k10 = p.cl_l_per_min / p.v1_l;
  if (p.compartments >= 2) {
    m.k12 = p.q2_l_per_min / p.v1_l;
    m.k21 = p.q2_l_per_min / p.v2_l;
  }
  if (p.compartments >= 3) {
    m.k13 = p.q3_l_per_min / p.v1_l;
    m.k31 = p.q3_l_per_min / p.v3_l;
  }
  return m;
}

PkParams from_micro(const MicroConstants& m) {
  PkParams p;
  p.compartments = m.compartments;
  p.v1_l = m.v1_l;
  p.cl_l_per_min = m.k10 * m.v1_l;
  if (m.compartments >= 2) {
    p.q2_l_per_min = m.k12 * m.v1_l;
    p.v2_l = m.v1_l * m.k12 / m.k21;
  }
  if (m.compartments >= 3) {
    p.q3_l_per_min = m.k13 * m.v1_l;
    p.v3_l = m.v1_l * m.k13 / m.k31;
  }
  return p;
}

namespace {
bool is_volume(Param p) { return p == Param::v1 || p == Param::v2 || p == Param::v3; }

bool used(Param p, int compartments) {
  if (p == Param::v2 || p == Param::q2) return compartments >= 2;
  if (p == Param::v3 || p == Param::q3) return compartments >= 3;
  return true;
}
}  // namespace

PkParams typical_params(const ModelSpec& spec, const Covariates& cov) {
  PkParams p;
  p.compartments = spec.compartments;
  const double ratio = cov.weight_kg / spec.reference_weight_kg;
  for (const auto& [param, value] : spec.disposition) {
    if (!used(param, spec.compartments)) continue;
    double scale = spec.scaling == Scaling::per_kg
                       ? cov.weight_kg
                       : std::pow(ratio, is_volume(param) ? spec.volume_exponent
                                                          : spec.clearance_exponent);
    p[param] = value.value * scale;
  }
  return p;
}

namespace {
std::string range_text(const Range& r) {
  if (r.min && r.max) return fmt::format("{:g} to {:g}", *r.min, *r.max);
  return r.min ? fmt::format("at least {:g}", *r.min) : fmt::format("at most {:g}", r.max.value_or(0));
}

Warning outside(std::string field, double value, const Range& range, std::string message) {
  return {WarningCode::outside_model_validity, std::move(field), std::move(message), value, range.min, range.max};
}
}  // namespace

std::optional<Warning> outside_validity(const ModelSpec& spec, const Covariates& cov) {
  if (!spec.weight_kg.contains(cov.weight_kg))
    return outside("weight", cov.weight_kg, spec.weight_kg,
                   fmt::format("weight: {:g} kg is outside the {} model's range of {} kg ({})", cov.weight_kg,
                               spec.name, range_text(spec.weight_kg), spec.weight_kg.source));
  if (cov.age_y && !spec.age_y.contains(*cov.age_y))
    return outside("age", *cov.age_y, spec.age_y,
                   fmt::format("age: {:g} years is outside the {} model's range of {} years ({})", *cov.age_y,
                               spec.name, range_text(spec.age_y), spec.age_y.source));
  return std::nullopt;
}

Result<void> check_covariates(const ModelSpec& spec, const Covariates& cov, bool force) {
  if (!(cov.weight_kg >= 0.3 && cov.weight_kg <= 400))
    return fail(ErrorCode::invalid_argument, "weight",
                fmt::format("weight: {:g} kg is not a plausible body weight (0.3 to 400 kg)",
                            cov.weight_kg));
  if (cov.age_y && !(*cov.age_y >= 0 && *cov.age_y <= 120))
    return fail(ErrorCode::invalid_argument, "age",
                fmt::format("age: {:g} years is not a plausible age (0 to 120)", *cov.age_y));
  if (auto w = outside_validity(spec, cov); w && !force) return std::unexpected(refusal(*w));
  return {};
}

Result<void> validate(const ModelSpec& spec) {
  if (spec.compartments < 1 || spec.compartments > 3)
    return fail(ErrorCode::invalid_argument, "structure.compartments",
                "structure.compartments: must be 1, 2 or 3");
  for (Param p : kParams) {
    if (!used(p, spec.compartments)) continue;
    auto it = spec.disposition.find(p);
    if (it == spec.disposition.end() || !(it->second.value > 0) || !std::isfinite(it->second.value))
      return fail(ErrorCode::invalid_argument, fmt::format("parameters.{}", to_string(p)),
                  fmt::format("parameters.{}: required and must be a positive number",
                              to_string(p)));
  }
  if (spec.ke0_per_min && !(spec.ke0_per_min->value > 0))
    return fail(ErrorCode::invalid_argument, "effect_site.ke0",
                "effect_site.ke0: must be positive");
  for (const auto& [route, r] : spec.routes) {
    std::string at = fmt::format("routes.{}", to_string(route));
    if (!(r.bioavailability.value > 0 && r.bioavailability.value <= 1))
      return fail(ErrorCode::invalid_argument, at + ".bioavailability",
                  at + ".bioavailability: must be in (0, 1]");
    if (!(r.ka_per_min.value > 0))
      return fail(ErrorCode::invalid_argument, at + ".ka", at + ".ka: must be positive");
  }
  for (const auto& [p, cv] : spec.iiv_cv)
    if (!(cv.value > 0 && cv.value < 5))
      return fail(ErrorCode::invalid_argument, fmt::format("variability.{}", to_string(p)),
                  fmt::format("variability.{}: CV must be a fraction in (0, 5)", to_string(p)));
  if (spec.weight_kg.min && spec.weight_kg.max && *spec.weight_kg.min >= *spec.weight_kg.max)
    return fail(ErrorCode::invalid_argument, "validity.weight", "validity.weight: min >= max");
  return {};
}

}  // namespace kc::pharm
