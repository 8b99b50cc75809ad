#pragma once
// Row mapping of measurement-based care (the questionnaire and screening
// migrations), as free functions over one connection like rows.h. Writes run
// inside the writer's transaction.
#include <string_view>
#include <vector>

#include "clinic/measures_ports.h"
#include "store/sql/statement.h"

namespace kc::store::sql::detail {

// Skips (returns nullopt) when `skip_if_open` and the patient has an open assignment of the instrument.
Result<std::optional<clinic::Id>> insert_assignment(Connection& db, const clinic::Assignment& a, bool skip_if_open);
Result<clinic::Assignment> read_assignment(Connection& db, clinic::Id id);
Result<std::vector<clinic::Assignment>> read_assignments_of(Connection& db, clinic::Id patient_id);

Result<clinic::Id> insert_submission(Connection& db, const clinic::Submission& s);
Result<clinic::Submission> read_submission(Connection& db, clinic::Id id);
Result<std::vector<clinic::Submission>> read_versions(Connection& db, clinic::Id assignment_id);
Result<std::vector<clinic::Submission>> read_current(Connection& db, clinic::Id patient_id, std::string_view instrument);

Result<clinic::Id> insert_flag(Connection& db, const clinic::Submission& s, const measures::SafetyFlag& f);
Result<clinic::Flag> read_flag(Connection& db, clinic::Id id);
Result<std::vector<clinic::Flag>> read_flags(Connection& db, const clinic::FlagQuery& q);
Result<void> write_acknowledgement(Connection& db, clinic::Id flag_id, const clinic::Acknowledgement& a);

Result<clinic::Id> insert_screening(Connection& db, const clinic::Screening& s);
Result<clinic::Screening> read_screening(Connection& db, clinic::Id id);
Result<std::vector<clinic::Screening>> read_screenings_of(Connection& db, clinic::Id patient_id);
Result<void> insert_decision(Connection& db, clinic::Id screening_id, const clinic::ScreeningDecision& d);

}  // namespace kc::store::sql::detail
