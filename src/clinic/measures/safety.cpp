#include "clinic/measures/safety.h"

#include <algorithm>
#include <utility>

namespace kc::measures {

std::string_view to_string(Severity severity) {
  return severity == Severity::urgent ? "urgent" : "review";
}

SafetyFlag raise(const FlagSpec& spec, std::string trigger) {
  return SafetyFlag{spec.kind, spec.severity, spec.reason, spec.source, std::move(trigger)};
}

bool shows_crisis_resources(const std::vector<SafetyFlag>& flags) {
  return std::any_of(flags.begin(), flags.end(),
                     [](const SafetyFlag& f) { return f.severity == Severity::urgent; });
}

}  // namespace kc::measures
