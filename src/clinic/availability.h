#pragma once
// Availability: which visit starts are free for an appointment type at a
// location, and which concrete resources a booking at one start would reserve.
// Pure functions over a Directory snapshot, the booking policy, the clock
// reading and the reservations already held (BusyIndex).
//
// Rules (docs/ARCHITECTURE.md, "Scheduling rules"):
// - candidate starts run every policy.slot_step_min from each opening of the
//   location's day, stepped in real (UTC) time, so days with a DST change have
//   23 or 25 hours of candidates and every offset is right;
// - the whole visit (prep + service + recovery) lies within one opening span;
// - every exclusive requirement gets its own free resource or staff member; a
//   staff member's span (without buffers) lies within one of their shifts at
//   that location; presence requirements need someone of the role on shift for
//   the span; turnover buffers extend `visit` reservations and must be free too,
//   but need not lie within opening hours or shifts;
// - start >= now + min notice and start < now + horizon.
// Thread-safe: everything is const.
#include <cstddef>
#include <vector>

#include "clinic/directory.h"
#include "clinic/policy.h"

namespace kc::clinic {

// Reservations already held, indexed for "is this key free during that interval".
class BusyIndex {
 public:
  BusyIndex() = default;
  explicit BusyIndex(std::vector<Reservation> held);
  bool is_free(ResourceKey key, Interval when) const;
  void add(const Reservation& r);  // keeps the index sorted (used to plan series)
  const std::vector<Reservation>& held() const { return sorted_; }

 private:
  std::vector<Reservation> sorted_;  // by key, then begin
};

// The interval a requirement with `span` occupies for a visit starting at `start`.
Interval span_interval(const AppointmentType& type, Span span, Instant start, bool with_buffers);
// Everything visits starting within `starts` can reserve: from the earliest
// buffer before to the latest visit end plus buffer after.
Interval reach(const AppointmentType& type, Interval starts);

struct SlotQuery {
  const Location* location = nullptr;
  const AppointmentType* type = nullptr;
  Mode mode = Mode::in_person;
  Id patient_id = 0;  // 0: any patient (availability); else also checks the patient is free
};

class Planner {
 public:
  Planner(const Directory& directory, const BookingPolicy& policy, SlotQuery query, const BusyIndex& busy,
          Instant now);

  // Free visits starting in [from, to), in time order, at most `limit`.
  std::vector<Interval> free_slots(Instant from, Instant to, std::size_t limit = SIZE_MAX) const;

  // The reservations a visit starting at `start` would hold (including the
  // patient's when query.patient_id != 0), or why it cannot be booked:
  //   invalid_argument      start is not on the slot grid (field `field`)
  //   precondition_failed   reason outside_hours | no_staff | too_soon | beyond_horizon
  //   conflict              reason slot_taken (everything suitable is reserved)
  Result<std::vector<Reservation>> plan(Instant start, std::string_view field) const;

 private:
  struct Day;
  Day day_frame(date::local_days day) const;
  // Fills `chosen` (cleared first) with one reservation per exclusive requirement.
  bool assign(const Day& day, Instant start, std::vector<Reservation>& chosen, bool* staffed) const;
  bool assign_resource(const Requirement& req, Interval when, std::vector<Reservation>& chosen) const;
  bool assign_staff(const Day& day, const Requirement& req, Interval when, Interval shift_need,
                    std::vector<Reservation>& chosen, bool* staffed) const;
  bool within_policy(Instant start) const;

  const Directory& directory_;
  const BookingPolicy& policy_;
  SlotQuery query_;
  const BusyIndex& busy_;
  Instant now_;
};

}  // namespace kc::clinic
