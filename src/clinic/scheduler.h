#pragma once
// Scheduling use cases: availability, booking (single or series, idempotent),
// cancel / reschedule / status changes with history, and the next free slot.
// The Scheduler holds no mutable state of its own: it reads the directory
// snapshot and plans with availability.h; bookings and changes are planned
// inside the store's write transaction, so a plan never works from a stale
// read, and the store's constraints refuse an overlap regardless.
// Thread-safe as long as the store is.
#include <optional>
#include <string>
#include <vector>

#include "clinic/availability.h"
#include "clinic/ports.h"

namespace kc::clinic {

struct AvailabilityRequest {
  std::string location, type;
  Mode mode = Mode::in_person;
  Instant from, to;
};

struct Availability {
  const Location* location = nullptr;
  const AppointmentType* type = nullptr;
  Mode mode = Mode::in_person;
  std::vector<Interval> slots;
};

struct SeriesRequest {
  int count = 0;                         // 0: the policy's default_count
  std::vector<date::weekday> weekdays;   // empty: the policy's default_weekdays
};

struct BookingRequest {
  Id patient_id = 0;
  std::string location, type;
  Mode mode = Mode::in_person;
  Instant start;
  std::optional<SeriesRequest> series;
  std::string reason;
  std::string idempotency_key, fingerprint;
};

// One requested visit that could not be booked, with free starts near it.
struct Unavailable {
  int occurrence = 0;  // 0-based position in the series (0 for a single booking)
  Instant requested;
  Error why;
  std::vector<Interval> alternatives;
};

// Either appointments (booked, or replayed for a reused idempotency key) or,
// when nothing was booked because some visit is taken, what was unavailable.
struct BookingOutcome {
  std::vector<Appointment> appointments;
  std::vector<Unavailable> unavailable;
  bool replayed = false;
};

struct ChangeRequest {
  std::optional<Status> status;  // e.g. cancelled, checked_in
  std::optional<Instant> start;  // reschedule to this visit start
  std::string reason;
};

class Scheduler {
 public:
  // Booking a type of `intake` assigns its questionnaires in the booking's transaction.
  Scheduler(const Directory& directory, const BookingPolicy& policy, ClinicStore& store, const Clock& clock,
            IntakeSet intake = {});

  const Directory& directory() const { return directory_; }
  const BookingPolicy& policy() const { return policy_; }
  const IntakeSet& intake() const { return intake_; }
  Instant now() const { return clock_.now(); }

  // invalid_argument for a bad or too long range (field "from"/"to"), not_found
  // for unknown codes (fields "location", "type"), mode not offered ("mode").
  Result<Availability> availability(const AvailabilityRequest& request) const;
  // The first free visit from now within the booking horizon, if any.
  Result<std::optional<Interval>> next_free(const Location& location, const AppointmentType& type, Mode mode) const;

  // What book() refuses before looking for free slots: unknown location, type
  // or patient, a mode the type does not offer. Lets the caller check these
  // before the treatment gates (booking_gates.h).
  Result<void> check(const BookingRequest& request) const;
  Result<BookingOutcome> book(const BookingRequest& request, const Actor& actor);
  Result<Appointment> change(Id appointment_id, const ChangeRequest& request, const Actor& actor);

  Result<Appointment> appointment(Id id) const { return store_.appointment(id); }
  Result<std::vector<AppointmentEvent>> history(Id id) const { return store_.history(id); }
  Result<std::vector<Appointment>> appointments_of(Id patient_id) const { return store_.appointments_of(patient_id); }

 private:
  struct Resolved;
  Result<Resolved> resolve(const BookingRequest& request) const;
  Result<std::vector<Instant>> occurrences(const BookingRequest& request, Zone zone) const;
  // What is held during `ranges` (resources and staff of the location, and the patient's own).
  Result<BusyIndex> busy_for(AppointmentReader& reader, const Location& location, Id patient_id,
                             const std::vector<Interval>& ranges) const;
  // Free starts near `requested`, on its local day and the next, nearest first.
  Result<std::vector<Interval>> alternatives(AppointmentReader& reader, const SlotQuery& query, Instant requested) const;
  // Run inside the store's write transaction (see ports.h).
  Result<NewBooking> plan_booking(AppointmentReader& tx, const BookingRequest& request, const Resolved& r,
                                  const std::vector<Instant>& starts, const Actor& actor, BookingOutcome& outcome) const;
  Result<AppointmentChange> plan_reschedule(AppointmentReader& tx, const Appointment& current, Instant start,
                                            const ChangeRequest& request, const Actor& actor) const;
  Result<AppointmentChange> plan_status(const Appointment& current, Status to, const ChangeRequest& request,
                                        const Actor& actor) const;
  Result<void> check_notice(const Appointment& current, int notice_min, std::string_view field) const;

  const Directory& directory_;
  const BookingPolicy& policy_;
  ClinicStore& store_;
  const Clock& clock_;
  IntakeSet intake_;
};

}  // namespace kc::clinic
