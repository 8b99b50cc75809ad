#pragma once
// The embedded store: one SQLite file in WAL mode implementing the clinic's
// ports (clinic/ports.h). Opening migrates the schema to the latest version.
//
// Concurrency: reads run on a pool of reader connections (one per concurrent
// caller, created on demand) and see the last committed state; all writes go
// through one writer connection, serialised by a mutex inside this process and
// by BEGIN IMMEDIATE plus a busy timeout against other processes. Overlapping
// reservations are refused by the PRIMARY KEY of reservation_cells inside the
// booking's transaction, so correctness never rests on the mutex.
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "clinic/ports.h"
#include "store/sqlite/connection.h"

namespace kc::store::sqlite {

class SqliteStore final : public clinic::ClinicStore {
 public:
  // Opens (creating if needed) and migrates. `path` may be ":memory:" only for
  // single-connection use; tests use temporary files.
  static Result<std::unique_ptr<SqliteStore>> open(const std::string& path, const OpenOptions& options = {});
  ~SqliteStore() override;

  const std::string& path() const { return path_; }
  // Copies the live database to `target` with SQLite's online backup API.
  Result<void> backup_to(const std::string& target);

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
  // AppointmentStore
  Result<std::vector<clinic::Reservation>> busy_at(clinic::Id location_id, clinic::Interval range) override;
  Result<std::vector<clinic::Reservation>> busy_of(clinic::ResourceKey key, clinic::Interval range) override;
  Result<clinic::StoredBooking> insert_booking(const clinic::NewBooking& booking) override;
  Result<std::optional<clinic::StoredBooking>> find_idempotent(std::string_view key,
                                                               std::string_view fingerprint) override;
  Result<clinic::Appointment> appointment(clinic::Id id) override;
  Result<std::vector<clinic::AppointmentEvent>> history(clinic::Id appointment_id) override;
  Result<clinic::Appointment> apply_change(const clinic::AppointmentChange& change) override;
  Result<std::vector<clinic::Appointment>> appointments_at(clinic::Id location_id, clinic::Interval range) override;

 private:
  class Pool;
  struct Writer;
  SqliteStore(std::string path, OpenOptions options, std::unique_ptr<Connection> writer);

  std::string path_;
  OpenOptions options_;
  std::unique_ptr<Pool> readers_;
  std::mutex write_mutex_;
  std::unique_ptr<Connection> writer_;
};

}  // namespace kc::store::sqlite
