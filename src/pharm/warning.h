#pragma once
// What a prediction warns about, as stable codes. The checks behind the first
// two refuse a prediction unless the caller forces it; forced, they become
// warnings. Messages are neutral (they name the input, never an option of one
// interface): the CLI maps a code to its --force hint, the API answers a
// refusal as problem+json with the code as its reason (docs/errors.md).
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"

namespace kc::pharm {

enum class WarningCode {
  outside_model_validity,  // weight or age outside the population the model was built from
  implausible_dose,        // total dose or infusion rate beyond the plausibility limits
  reaches_alert_range,     // the predicted peak reaches a reference range marked as an alert
  above_display_range,     // the predicted peak is above a shown range (the protocol's dissociation range)
};
std::string_view to_string(WarningCode code);

// How loudly a client shows a warning: `strong` for a peak in an alert range (anaesthetic),
// `caution` for everything else.
enum class Severity { caution, strong };
std::string_view to_string(Severity severity);

struct Warning {
  WarningCode code = WarningCode::outside_model_validity;
  std::string field;    // the input concerned ("weight", "age", "dose", "infusions[0].rate"), or the
                        // result ("cmax")
  std::string message;  // "weight: 70 kg is outside the Herd 2007 model's range of at most 60 kg (...)"
  double value = 0;     // the number checked, in the unit of the field (kg, y, mg/kg, mg/kg/min, ng/mL)
  std::optional<double> low, high;  // what it was checked against, same unit
  Severity severity = Severity::caution;
};

// The warning as a refusal: ErrorCode::out_of_validity, its field and message,
// and the code as the reason. Contract: outside_model_validity or implausible_dose.
Error refusal(const Warning& warning);

}  // namespace kc::pharm
