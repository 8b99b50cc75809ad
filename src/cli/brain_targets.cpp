#include "cli/brain_targets.h"

namespace kc::cli {

Result<std::vector<Target>> brain_targets(const PharmData& data) {
  std::vector<Target> out;
  KC_CHECK(pk_targets(data, out));
  KC_CHECK(receptor_targets(out));
  KC_CHECK(glutamate_target(data, out));
  circuit_targets(out);
  KC_CHECK(plasticity_targets(data, out));
  KC_CHECK(symptom_targets(data, out));
  simulator_targets(out);
  return out;
}

}  // namespace kc::cli
