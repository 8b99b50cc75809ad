#pragma once
// data/clinic/treatment_gates.json: which appointment types deliver a
// treatment and the gates booking one must pass (clinic/treatment_gates.h).
// Read strictly; every error names the file and the field. Format:
// docs/clinic-data.md.
#include <filesystem>
#include <vector>

#include "clinic/model.h"
#include "clinic/treatment_gates.h"

namespace kc::catalog {

// `types` are the known appointment types: a treatment type must be one of them.
Result<clinic::TreatmentGates> load_treatment_gates(const std::filesystem::path& file,
                                                    const std::vector<clinic::AppointmentType>& types);

}  // namespace kc::catalog
