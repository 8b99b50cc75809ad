#pragma once
// A prediction's assumptions and warnings as JSON, the same in the API's
// simulation answer and in `ketaclinic sim --format json`: each carries its
// code (pharm/warning.h), so clients branch on the code, never the wording.
#include <optional>

#include <nlohmann/json.hpp>

#include "pharm/prediction.h"

namespace kc::http {

// A number, or null when absent (JSON has no "missing number").
nlohmann::json or_null(const std::optional<double>& v);

nlohmann::json assumptions_json(const pharm::Prediction& p);
nlohmann::json warnings_json(const pharm::Prediction& p);

}  // namespace kc::http
