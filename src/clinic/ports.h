#pragma once
// The ports the clinic core needs from the outside world. Adapters implement
// them (src/store/sqlite today, src/store/postgres later); the core never
// includes an adapter. Every method is thread-safe: the HTTP server calls them
// from many threads at once.
//
// Atomicity contract for writers: a method either applies everything it was
// given or nothing, and the store itself (not a check in the core) refuses a
// reservation that overlaps one already held for the same key, returning
// ErrorCode::conflict with reason "slot_taken". Bookings and changes are
// planned inside the store's write transaction (BookingPlan, ChangePlan), so a
// plan sees the latest state; the store's constraint still has the last word.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/directory.h"
#include "clinic/measures_records.h"

namespace kc::clinic {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class DirectoryStore {
 public:
  virtual ~DirectoryStore() = default;
  virtual Result<DirectoryData> load_directory() = 0;
  // Stores locations, staff (with shifts) and resources; ids in `data` only link
  // records to each other and are replaced by the store's. Refuses
  // (precondition_failed) when the store already holds locations.
  virtual Result<void> seed_directory(const DirectoryData& data) = 0;
  // Inserts or updates appointment types by code (configuration is re-read at
  // every start); existing appointments keep the type's id.
  virtual Result<void> sync_appointment_types(const std::vector<AppointmentType>& types) = 0;
};

struct PatientQuery {
  std::string name;                                 // prefix of given or family name, case-insensitive
  std::optional<date::year_month_day> date_of_birth;
  int limit = 50;
  // When set: only patients in care at one of these locations, or in care
  // nowhere yet (staff see the patients of their locations).
  std::optional<std::vector<Id>> location_ids = {};
};

class PatientStore {
 public:
  virtual ~PatientStore() = default;
  virtual Result<Patient> create_patient(const Patient& patient) = 0;  // assigns id and version 1
  virtual Result<Patient> patient(Id id) = 0;                           // not_found
  // Updates when `patient.version` is still the stored one (else conflict,
  // reason "stale_version"); returns the stored result.
  virtual Result<Patient> update_patient(const Patient& patient) = 0;
  virtual Result<std::vector<Patient>> find_patients(const PatientQuery& query) = 0;
  virtual Result<std::vector<Patient>> patients(const std::vector<Id>& ids) = 0;
  // Where the patient is in care, oldest first (empty: nowhere yet).
  virtual Result<std::vector<CareLocation>> care_of(Id patient_id) = 0;
  // Records a transfer of care; conflict (reason "already_in_care") when the
  // patient is already in care there.
  virtual Result<CareLocation> add_care(const CareLocation& care) = 0;
};

struct NewBooking {
  std::vector<Appointment> appointments;  // reservations filled in, ids 0
  bool series = false;                    // link them as one series
  AppointmentEvent event;                 // actor, time and reason, recorded for each
  // Questionnaires the booking assigns (the intake set of a consultation), written
  // in the same transaction and linked to the first appointment. An instrument the
  // patient already has an open (unsubmitted) assignment of is skipped.
  std::vector<Assignment> assignments;
  // The booking places the patient in care at its location (scheduler.h).
  std::optional<CareLocation> care;
};

struct IdempotencyKey {
  std::string key;          // empty: none
  std::string fingerprint;  // what the request was, to detect reuse of a key
};

struct StoredBooking {
  std::vector<Appointment> appointments;
  bool replayed = false;  // the key had been used for the same request: nothing new was written
};

struct AppointmentChange {
  std::int64_t expected_version = 0;  // conflict/stale_version if it moved meanwhile
  Status status = Status::booked;     // the new status (may equal the old one)
  std::optional<Interval> visit;                       // reschedule: the new visit ...
  std::optional<std::vector<Reservation>> reservations;  // ... and what it holds
  AppointmentEvent event;
};

// What planning reads. Inside a write transaction it sees every committed write
// and the transaction's own.
class AppointmentReader {
 public:
  virtual ~AppointmentReader() = default;
  // Reservations held (by appointments that hold resources) overlapping `range`
  // for resources at the location and for staff who work there (wherever booked).
  virtual Result<std::vector<Reservation>> busy_at(Id location_id, Interval range) = 0;
  virtual Result<std::vector<Reservation>> busy_of(ResourceKey key, Interval range) = 0;
  virtual Result<Appointment> appointment(Id id) = 0;  // not_found
  virtual Result<std::vector<CareLocation>> care_of(Id patient_id) = 0;
};

// Plans a booking from what `tx` reads; an error (or an empty booking) writes nothing.
using BookingPlan = std::function<Result<NewBooking>(AppointmentReader& tx)>;
// Plans a change of `current` (read in the same transaction).
using ChangePlan = std::function<Result<AppointmentChange>(AppointmentReader& tx, const Appointment& current)>;

class AppointmentStore : public AppointmentReader {
 public:
  // Runs `plan` inside one write transaction and stores what it returns, all
  // or nothing (see the atomicity contract above). A used idempotency key
  // returns the earlier booking without calling `plan` (replayed), or
  // precondition_failed/idempotency_key_reused if the fingerprint differs.
  // A store may call `plan` again after a conflict, so it must have no side
  // effects beyond what it returns and what it records in its captures.
  virtual Result<StoredBooking> insert_booking(const IdempotencyKey& key, const BookingPlan& plan) = 0;
  virtual Result<std::vector<AppointmentEvent>> history(Id appointment_id) = 0;
  // Reads the appointment, plans the change and applies it with its event,
  // in one write transaction.
  virtual Result<Appointment> apply_change(Id appointment_id, const ChangePlan& plan) = 0;
  // Appointments at a location whose visit overlaps `range`, in start order.
  virtual Result<std::vector<Appointment>> appointments_at(Id location_id, Interval range) = 0;
  // Every appointment of a patient (any status, any location), in start order.
  virtual Result<std::vector<Appointment>> appointments_of(Id patient_id) = 0;
};

class ClinicStore : public DirectoryStore, public PatientStore, public AppointmentStore {
 public:
  // One answer for both ports (a patient's care is read the same way in and
  // outside a booking's transaction).
  Result<std::vector<CareLocation>> care_of(Id patient_id) override = 0;
};

}  // namespace kc::clinic
