#include "clinic/policy.h"

#include <fmt/format.h>

namespace kc::clinic {
namespace {

Result<void> check(bool ok, const char* field, const char* what) {
  if (ok) return {};
  return fail(ErrorCode::invalid_argument, field, fmt::format("{}: {}", field, what));
}

}  // namespace

std::vector<date::weekday> mon_wed_fri() {
  std::vector<date::weekday> days;
  for (unsigned d : {1u, 3u, 5u}) days.emplace_back(d);
  return days;
}

Result<void> validate(const BookingPolicy& p) {
  const bool step_ok = p.slot_step_min >= kCellMin && p.slot_step_min % kCellMin == 0 && p.slot_step_min <= 240;
  for (auto r : {check(step_ok, "slot_step_min", "must be a multiple of 5 between 5 and 240"),
                 check(p.min_notice_min >= 0, "min_notice_min", "must not be negative"),
                 check(p.horizon_days >= 1 && p.horizon_days <= 730, "horizon_days", "must be 1 to 730"),
                 check(p.cancel_notice_min >= 0, "cancel_notice_min", "must not be negative"),
                 check(p.reschedule_notice_min >= 0, "reschedule_notice_min", "must not be negative"),
                 check(p.max_query_days >= 1 && p.max_query_days <= 92, "max_query_days", "must be 1 to 92"),
                 check(p.series.max_count >= 2 && p.series.max_count <= 52, "series.max_count", "must be 2 to 52"),
                 check(p.series.default_count >= 2 && p.series.default_count <= p.series.max_count,
                       "series.default_count", "must be 2 to series.max_count"),
                 check(!p.series.default_weekdays.empty(), "series.default_weekdays", "must not be empty"),
                 check(p.series.max_span_days >= 1, "series.max_span_days", "must be positive"),
                 check(p.series.alternatives_per_date >= 0 && p.series.alternatives_per_date <= 20,
                       "series.alternatives_per_date", "must be 0 to 20")})
    if (!r) return r;
  return {};
}

}  // namespace kc::clinic
