#pragma once
// Row mapping between the clinic's types and the schema of migrations.cpp, as
// free functions over one connection. The records classes decide which connection
// (a pooled reader, or the writer inside a transaction) each call runs on.
#include <optional>
#include <vector>

#include "clinic/ports.h"
#include "store/sql/statement.h"

namespace kc::store::sql::detail {

// Reservations live in 5-minute cells; a cell is its start in epoch seconds / 300.
inline constexpr std::int64_t kCellSeconds = 300;

std::int64_t seconds(clinic::Instant t);
clinic::Instant instant(std::int64_t s);

Result<clinic::DirectoryData> load_directory(Connection& db);
Result<void> insert_directory(Connection& db, const clinic::DirectoryData& data);
Result<void> upsert_types(Connection& db, const std::vector<clinic::AppointmentType>& types);

Result<clinic::Patient> insert_patient(Connection& db, const clinic::Patient& p);
Result<clinic::Patient> read_patient(Connection& db, clinic::Id id);
Result<clinic::Patient> write_patient(Connection& db, const clinic::Patient& p);
Result<std::vector<clinic::Patient>> search_patients(Connection& db, const clinic::PatientQuery& q);
Result<std::vector<clinic::CareLocation>> care_of(Connection& db, clinic::Id patient_id);
// conflict/already_in_care when the patient is already in care there.
Result<clinic::CareLocation> insert_care(Connection& db, const clinic::CareLocation& care);

Result<clinic::Appointment> read_appointment(Connection& db, clinic::Id id);
Result<std::vector<clinic::Appointment>> read_appointments(Connection& db, const std::vector<clinic::Id>& ids);
Result<std::vector<clinic::Appointment>> appointments_at(Connection& db, clinic::Id location_id, clinic::Interval range);
Result<std::vector<clinic::Appointment>> appointments_of(Connection& db, clinic::Id patient_id);
Result<std::vector<clinic::AppointmentEvent>> read_history(Connection& db, clinic::Id appointment_id);
// `lookback_s`: no active reservation is longer (see ClinicRecords::longest_s_),
// so only those beginning at most that long before the range can overlap it.
Result<std::vector<clinic::Reservation>> busy_at(Connection& db, clinic::Id location_id, clinic::Interval range,
                                                 std::int64_t lookback_s);
Result<std::vector<clinic::Reservation>> busy_of(Connection& db, clinic::ResourceKey key, clinic::Interval range,
                                                 std::int64_t lookback_s);
// The longest active reservation, in seconds (0 when there is none).
Result<std::int64_t> longest_reservation(Connection& db);

// Inside a write transaction.
Result<void> insert_event(Connection& db, const clinic::AppointmentEvent& e);
Result<void> hold(Connection& db, clinic::Id appointment_id, clinic::Id location_id,
                  const std::vector<clinic::Reservation>& reservations);
Result<void> release(Connection& db, clinic::Id appointment_id, bool keep_rows);
Result<clinic::Id> insert_appointment(Connection& db, const clinic::Appointment& a, std::optional<clinic::Id> series,
                                      clinic::Instant now);
// The appointments a used key stands for: nullopt if unused, conflict
// (idempotency_key_reused) if used for a different request.
Result<std::optional<std::vector<clinic::Id>>> idempotent_ids(Connection& db, std::string_view key,
                                                              std::string_view fingerprint);
Result<void> remember_key(Connection& db, std::string_view key, std::string_view fingerprint,
                          const std::vector<clinic::Id>& ids, clinic::Instant now);

}  // namespace kc::store::sql::detail
