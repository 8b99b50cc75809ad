#pragma once
// data/clinic/flag_policy.json: escalation time, the location that takes
// flags of patients in care nowhere yet, the response time the clinic commits
// to (clinic/flag_inbox.h). Read strictly; errors name the file and field.
#include <filesystem>

#include "clinic/flag_inbox.h"

namespace kc::catalog {

// unrouted_location is not checked here: a clinic's own directory may not
// have it, and the inbox then routes to its first location (flag_inbox.h).
Result<clinic::FlagPolicy> load_flag_policy(const std::filesystem::path& file);

}  // namespace kc::catalog
