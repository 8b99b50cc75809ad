// Demo bookings for `serve --demo`, placed relative to the day the server starts.
#include <spdlog/spdlog.h>

#include <map>

#include "cli/serve_wiring.h"

namespace kc::cli {
namespace {

using namespace kc::clinic;

constexpr int kDaysToTry = 7;

// The first free start at or after the preferred local time, trying later days.
std::optional<Instant> first_free(Scheduler& scheduler, const catalog::DemoBooking& b) {
  auto location = scheduler.directory().find_location(b.location, "location");
  if (!location) return std::nullopt;
  const Zone zone = (*location)->zone;
  const auto today = local_day(scheduler.now(), zone);
  for (int d = 0; d < kDaysToTry; ++d) {
    const auto day = today + date::days(b.day_offset + d);
    AvailabilityRequest q{b.location, b.type, b.mode, to_instant(day, b.time_min, zone), to_instant(day + date::days(1), 0, zone)};
    auto slots = scheduler.availability(q);
    if (slots && !slots->slots.empty()) return slots->slots.front().begin;
  }
  return std::nullopt;
}

}  // namespace

Result<DemoSeed> seed_demo_bookings(const catalog::DemoData& demo, Scheduler& scheduler, PatientService& patients) {
  DemoSeed seed;
  auto& ids = seed.patients;
  for (const auto& p : demo.patients) {
    auto stored = patients.create(p.patient);
    if (!stored) return std::unexpected(stored.error());
    ids[p.key] = stored->id;
  }
  int& booked = seed.booked;
  const Actor system{"system", "demo-seed"};
  for (const auto& b : demo.bookings) {
    auto start = first_free(scheduler, b);
    if (!start) {
      spdlog::warn("demo: no free {} at {} within a week of day {}", b.type, b.location, b.day_offset);
      continue;
    }
    BookingRequest request{ids.at(b.patient_key), b.location, b.type, b.mode, *start, std::nullopt, "demo data", "", ""};
    if (b.series_count) request.series = SeriesRequest{*b.series_count, {}};
    auto outcome = scheduler.book(request, system);
    if (outcome && outcome->unavailable.empty()) booked += static_cast<int>(outcome->appointments.size());
    else spdlog::warn("demo: could not book {} for {} at {}", b.type, b.patient_key, b.location);
  }
  return seed;
}

}  // namespace kc::cli
