#pragma once
// A prediction's assumptions and warnings as JSON, the same in the API's
// simulation answer and in `ketaclinic sim --format json`: each carries its
// code (pharm/warning.h), so clients branch on the code, never the wording.
#include <optional>

#include <nlohmann/json.hpp>

#include "pharm/dose_policy.h"
#include "pharm/prediction.h"

namespace kc::http {

// A number, or null when absent (JSON has no "missing number").
nlohmann::json or_null(const std::optional<double>& v);

nlohmann::json assumptions_json(const pharm::Prediction& p);
nlohmann::json warnings_json(const pharm::Prediction& p);
nlohmann::json warnings_json(const std::vector<pharm::Warning>& warnings);
// Each measured benchmark: {id, title, source, predicted_ng_ml, measured_ng_ml, deviation_fraction, text}.
nlohmann::json benchmarks_json(const pharm::Prediction& p);
nlohmann::json benchmarks_json(const std::vector<pharm::BenchmarkDeviation>& benchmarks);

// The clinic's dose-policy findings of a request and the override reason that let
// the soft ones through: {"findings": [{level, cap, value, limit, unit, message}],
// "override_reason": "..." or null}.
nlohmann::json dose_policy_json(const std::vector<pharm::PolicyFinding>& findings, std::string_view override_reason);

}  // namespace kc::http
