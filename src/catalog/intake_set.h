#pragma once
// data/clinic/intake_set.json: the questionnaires that booking a consultation
// assigns (format in docs/clinic-data.md). Read strictly; every instrument must
// be in the instrument catalogue and every appointment type known, else an
// error names the file and the entry.
#include <filesystem>
#include <vector>

#include "catalog/instruments.h"
#include "clinic/measures_records.h"
#include "clinic/model.h"

namespace kc::catalog {

Result<clinic::IntakeSet> load_intake_set(const std::filesystem::path& file, const InstrumentCatalog& instruments,
                                          const std::vector<clinic::AppointmentType>& types);

}  // namespace kc::catalog
