#pragma once
// A published pharmacokinetic model as data (see data/models/*.json and
// docs/models.md): structure (1-3 mammillary compartments, elimination from the
// central one), weight scaling, an optional effect site, absorption routes,
// validity ranges and inter-individual variability. Every number keeps its
// source string next to it so the citation travels with the value.
//
// Units: volumes L, clearances L/min, rate constants 1/min, weight kg, age y.
#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"
#include "pharm/warning.h"

namespace kc::pharm {

enum class Route { iv, intranasal, intramuscular, oral, sublingual };
std::string_view to_string(Route route);
Result<Route> parse_route(std::string_view text, std::string_view field);

enum class Scaling { per_kg, allometric };

struct Sourced {
  double value = 0;
  std::string source;  // citation + evidence tag, e.g. "[V] Herd 2007 abstract"
};

// The six disposition parameters, indexable so variability can address them by name.
enum class Param { v1, v2, v3, cl, q2, q3 };
inline constexpr std::array kParams{Param::v1, Param::v2, Param::v3,
                                    Param::cl, Param::q2, Param::q3};
std::string_view to_string(Param param);
Result<Param> parse_param(std::string_view text, std::string_view field);

// Volumes (L) and inter-compartmental/elimination clearances (L/min) of one patient.
struct PkParams {
  int compartments = 1;
  double v1_l = 0, v2_l = 0, v3_l = 0;
  double cl_l_per_min = 0, q2_l_per_min = 0, q3_l_per_min = 0;
  double& operator[](Param p);
  double operator[](Param p) const;
};

// Micro-constant form used by the closed-form solution (rate constants 1/min).
struct MicroConstants {
  int compartments = 1;
  double v1_l = 0;
  double k10 = 0, k12 = 0, k21 = 0, k13 = 0, k31 = 0;
};
MicroConstants to_micro(const PkParams& p);
PkParams from_micro(const MicroConstants& m);

struct RouteSpec {
  Route route = Route::iv;
  Sourced bioavailability;  // fraction 0..1
  Sourced ka_per_min;       // first-order absorption rate constant
};

struct Range {
  std::optional<double> min, max;
  std::string source;
  bool contains(double v) const { return (!min || v >= *min) && (!max || v <= *max); }
};

struct Covariates {
  double weight_kg = 70;
  std::optional<double> age_y;
};

struct ModelSpec {
  std::string id;          // file stem, used on the command line
  std::string name;        // "Domino 1984"
  std::string drug;        // "ketamine" (racemic) or "esketamine"
  std::string citation;
  std::string population;
  std::string notes;
  Scaling scaling = Scaling::per_kg;
  // Disposition at the reference: per kg of body weight (per_kg) or at
  // reference_weight_kg (allometric). Values L and L/min, each with its source.
  int compartments = 1;
  std::map<Param, Sourced> disposition;
  double reference_weight_kg = 70;
  double volume_exponent = 1.0;
  double clearance_exponent = 0.75;
  std::string scaling_source;
  std::optional<Sourced> ke0_per_min;     // published effect-site rate constant, if any
  // Without a published ke0: an assumed time of peak effect after a bolus from
  // which ke0 is derived (§5.4); always reported as an assumption.
  std::optional<Sourced> assumed_tpeak_min;
  std::map<Route, RouteSpec> routes;      // non-IV routes the model supports
  Range weight_kg, age_y;
  std::map<Param, Sourced> iiv_cv;        // coefficient of variation (fraction) per parameter
};

// Typical-patient volumes and clearances for these covariates.
PkParams typical_params(const ModelSpec& spec, const Covariates& cov);

// The first covariate outside the model's validity range (field "weight" or
// "age", code outside_model_validity), or nothing.
std::optional<Warning> outside_validity(const ModelSpec& spec, const Covariates& cov);

// Refuses covariates outside the model's validity range (refusal(outside_validity))
// unless `force` is set; rejects absurd values always (ErrorCode::invalid_argument).
Result<void> check_covariates(const ModelSpec& spec, const Covariates& cov, bool force);

// Structural checks shared by loading and tests: positive volumes and clearances
// for the declared compartments, 0 < F <= 1, ka > 0, ranges ordered.
Result<void> validate(const ModelSpec& spec);

}  // namespace kc::pharm
