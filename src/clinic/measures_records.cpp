#include "clinic/measures_records.h"

#include <algorithm>

namespace kc::clinic {

bool IntakeSet::applies_to(std::string_view type_code) const {
  return std::find(appointment_types.begin(), appointment_types.end(), type_code) != appointment_types.end();
}

std::string_view to_string(AssignmentReason reason) { return reason == AssignmentReason::intake ? "intake" : "staff"; }

std::string_view to_string(EnteredBy by) { return by == EnteredBy::patient ? "patient" : "staff"; }

}  // namespace kc::clinic
