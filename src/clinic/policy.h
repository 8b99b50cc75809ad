#pragma once
// Booking rules are clinic policy, approved by the medical director and kept in
// configuration (data/clinic/booking_policy.json). The clinical sources
// (docs/sources.md) give no number for notice periods or
// horizons, so the defaults below are invented, conservative placeholders; the
// induction-course defaults do come from the sources (cited inline).
#include <vector>

#include "clinic/time.h"
#include "core/error.h"

namespace kc::clinic {

// Reservations are enforced in 5-minute cells, so every duration, buffer, hour
// and shift boundary must be a multiple of this.
inline constexpr int kCellMin = 5;
// Longest reservation (visit plus buffers) a type may have; bounds range queries.
inline constexpr int kMaxReservationMin = 24 * 60;

// Built in a function: GCC 12 warns (maybe-uninitialized, a false positive)
// about an initializer list of date::weekday in a default member initializer.
std::vector<date::weekday> mon_wed_fri();

struct SeriesPolicy {
  // Six infusions, three a week (Mon/Wed/Fri) over about two weeks: Murrough 2013
  // [@murrough2013bp] (6 infusions thrice weekly over 12 days) and Phillips 2019 [@phillips2019]
  // (6 infusions thrice weekly over 2 weeks) [V].
  int default_count = 6;
  std::vector<date::weekday> default_weekdays = mon_wed_fri();
  int max_count = 12;            // policy: a longer plan is booked in parts
  int max_span_days = 28;        // policy: the whole series within four weeks
  int alternatives_per_date = 3; // free starts offered for each date that is full
};

struct BookingPolicy {
  int slot_step_min = 15;             // candidate starts every 15 min from opening
  int min_notice_min = 120;           // policy default, no clinical source
  int horizon_days = 90;              // policy default
  int cancel_notice_min = 24 * 60;    // policy default: cancel at least 24 h ahead
  int reschedule_notice_min = 24 * 60;
  int max_query_days = 31;            // longest availability query
  SeriesPolicy series;
};

// ErrorCode::invalid_argument naming the offending setting.
Result<void> validate(const BookingPolicy& policy);

}  // namespace kc::clinic
