#pragma once
// The embedded store: one SQLite file in WAL mode implementing the clinic's
// ports (clinic/ports.h) and the auth ports (auth/ports.h). Opening migrates
// the schema to the latest version.
//
// Concurrency: reads run on a pool of reader connections (one per concurrent
// caller, created on demand) and see the last committed state. All writes go
// through one writer connection with group commit (detail/writer.h): jobs of
// concurrent callers share one BEGIN IMMEDIATE transaction (a busy timeout
// waits for other processes) and one fsync. Bookings and changes are planned
// inside that transaction. Overlapping reservations are refused by the PRIMARY
// KEY of reservation_cells, so correctness never rests on the serialisation.
// The records of measurement-based care (clinic/measures_ports.h) live in the
// same file; unique keys and triggers keep submissions, answers, acknowledged
// flags and decisions from ever changing.
#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "store/sql/store.h"
#include "store/sqlite/connection.h"
#include "store/sqlite/detail/writer.h"

namespace kc::store::sqlite {

class SqliteStore final : public sql::Store {
 public:
  // Opens (creating if needed) and migrates. `path` may be ":memory:" only for
  // single-connection use; tests use temporary files.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, const OpenOptions& options = {});
  ~SqliteStore() override;

  const std::string& path() const { return path_; }
  // Copies the live database to `target` with SQLite's online backup API.
  Result<void> backup_to(const std::string& target) override;

  // DirectoryStore
  Result<clinic::DirectoryData> load_directory() override;
  Result<void> seed_directory(const clinic::DirectoryData& data) override;
  Result<void> sync_appointment_types(const std::vector<clinic::AppointmentType>& types) override;
  // PatientStore
  Result<clinic::Patient> create_patient(const clinic::Patient& patient) override;
  Result<clinic::Patient> patient(clinic::Id id) override;
  Result<clinic::Patient> update_patient(const clinic::Patient& patient) override;
  Result<std::vector<clinic::Patient>> find_patients(const clinic::PatientQuery& query) override;
  Result<std::vector<clinic::Patient>> patients(const std::vector<clinic::Id>& ids) override;
  Result<std::vector<clinic::CareLocation>> care_of(clinic::Id patient_id) override;
  Result<clinic::CareLocation> add_care(const clinic::CareLocation& care) override;
  // AppointmentStore
  Result<std::vector<clinic::Reservation>> busy_at(clinic::Id location_id, clinic::Interval range) override;
  Result<std::vector<clinic::Reservation>> busy_of(clinic::ResourceKey key, clinic::Interval range) override;
  Result<clinic::Appointment> appointment(clinic::Id id) override;
  Result<clinic::StoredBooking> insert_booking(const clinic::IdempotencyKey& key,
                                               const clinic::BookingPlan& plan) override;
  Result<std::vector<clinic::AppointmentEvent>> history(clinic::Id appointment_id) override;
  Result<clinic::Appointment> apply_change(clinic::Id appointment_id, const clinic::ChangePlan& plan) override;
  Result<std::vector<clinic::Appointment>> appointments_at(clinic::Id location_id, clinic::Interval range) override;
  Result<std::vector<clinic::Appointment>> appointments_of(clinic::Id patient_id) override;
  // MeasuresStore
  Result<clinic::Assignment> insert_assignment(const clinic::Assignment& assignment) override;
  Result<clinic::Assignment> assignment(clinic::Id id) override;
  Result<std::vector<clinic::Assignment>> assignments_of(clinic::Id patient_id) override;
  Result<clinic::StoredSubmission> insert_submission(const clinic::NewSubmission& submission) override;
  Result<clinic::Submission> submission(clinic::Id id) override;
  Result<std::vector<clinic::Submission>> versions(clinic::Id assignment_id) override;
  Result<std::vector<clinic::Submission>> current_submissions(clinic::Id patient_id, std::string_view instrument) override;
  Result<std::vector<clinic::Flag>> flags(const clinic::FlagQuery& query) override;
  Result<clinic::Flag> flag(clinic::Id id) override;
  Result<clinic::Flag> acknowledge(clinic::Id flag_id, const clinic::Acknowledgement& acknowledgement) override;
  Result<clinic::Screening> insert_screening(const clinic::Screening& screening) override;
  Result<clinic::Screening> screening(clinic::Id id) override;
  Result<std::vector<clinic::Screening>> screenings_of(clinic::Id patient_id) override;
  Result<clinic::Screening> decide(clinic::Id screening_id, const clinic::ScreeningDecision& decision) override;

  // auth ports (auth_store.cpp)
  Result<auth::Account> create_account(const auth::Account& account) override;
  Result<std::pair<clinic::Patient, auth::Account>> create_patient_account(const clinic::Patient& patient,
                                                                           const auth::Account& account) override;
  Result<std::optional<auth::Account>> account_by_email(const std::string& email) override;
  Result<auth::Account> account(clinic::Id id) override;
  Result<std::vector<auth::Account>> staff_accounts() override;
  Result<auth::Account> update_account(const auth::Account& account) override;
  Result<void> create_session(const auth::SessionRecord& session) override;
  Result<std::optional<auth::SessionRecord>> session(const std::string& id_hash) override;
  Result<void> touch_session(const std::string& id_hash, clinic::Instant at) override;
  Result<void> delete_session(const std::string& id_hash) override;
  Result<void> delete_sessions_of(clinic::Id account_id) override;
  Result<auth::TokenRecord> create_token(const auth::TokenRecord& token) override;
  Result<std::optional<auth::TokenRecord>> token_by_hash(const std::string& token_hash) override;
  Result<std::optional<auth::TokenRecord>> token(clinic::Id id) override;
  Result<std::vector<auth::TokenRecord>> tokens_of(clinic::Id account_id) override;
  Result<void> revoke_token(clinic::Id id, clinic::Instant at) override;
  Result<void> touch_token(clinic::Id id, clinic::Instant at) override;
  Result<void> record_attempt(const std::string& account_key, const std::string& client, clinic::Instant at,
                              bool success) override;
  Result<std::pair<std::vector<clinic::Instant>, std::vector<clinic::Instant>>> recent_failures(
      const std::string& account_key, const std::string& client, clinic::Instant since, int limit) override;
  Result<auth::AuditEntry> append_audit(const auth::AuditEntry& entry) override;
  Result<std::vector<auth::AuditEntry>> find_audit(const auth::AuditQuery& query) override;
  Result<auth::HighWater> scan_audit(std::int64_t after_id,
                                     const std::function<bool(const auth::StoredEntry&)>& visit) override;
  Result<std::vector<clinic::Id>> care_location_ids(clinic::Id patient_id) override;

 private:
  class Pool;
  SqliteStore(std::string path, OpenOptions options, std::unique_ptr<Connection> writer);

  std::string path_;
  OpenOptions options_;
  // Note that a reservation of this length exists (called after writes).
  void note_length(const std::vector<clinic::Reservation>& reservations);

  std::unique_ptr<Pool> readers_;
  std::unique_ptr<detail::Writer> writer_;
  // The longest active reservation, so that range queries scan only what can
  // overlap; grows with this process's writes (other processes sharing the
  // file use the same configuration, hence the same lengths).
  std::atomic<std::int64_t> longest_s_{0};
};

}  // namespace kc::store::sqlite
