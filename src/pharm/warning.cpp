#include "pharm/warning.h"

#include "core/contract.h"

namespace kc::pharm {

std::string_view to_string(WarningCode code) {
  switch (code) {
    case WarningCode::outside_model_validity: return "outside_model_validity";
    case WarningCode::implausible_dose: return "implausible_dose";
    case WarningCode::reaches_alert_range: return "reaches_alert_range";
    case WarningCode::above_display_range: return "above_display_range";
  }
  return "unknown";
}

std::string_view to_string(Severity severity) { return severity == Severity::strong ? "strong" : "caution"; }

// Spelled out per code so docs/errors.md's registry test sees every reason minted.
Error refusal(const Warning& w) {
  switch (w.code) {
    case WarningCode::outside_model_validity:
      return Error{ErrorCode::out_of_validity, w.field, w.message, "outside_model_validity"};
    case WarningCode::implausible_dose:
      return Error{ErrorCode::out_of_validity, w.field, w.message, "implausible_dose"};
    case WarningCode::reaches_alert_range:
    case WarningCode::above_display_range: break;
  }
  KC_EXPECT(false, "only the validity and plausibility checks refuse");
  return Error{ErrorCode::internal, w.field, w.message};
}

}  // namespace kc::pharm
