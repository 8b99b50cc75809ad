// Demo data for `serve --demo`: bookings placed relative to the day the
// server starts, seeded on a copy that replaces the database only when whole.
#include <fcntl.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <map>

#include "cli/serve_wiring.h"
#include "store/open_store.h"

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

void remove_db_files(const std::string& db) {
  std::error_code ignored;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::filesystem::remove(db + suffix, ignored);
}

// True when `db` already has clinics; otherwise a copy of it (schema and any
// accounts made beforehand) is left at `staged`.
Result<bool> has_clinics_else_copy(const std::string& db, const std::string& staged) {
  if (!std::filesystem::exists(db)) return false;
  auto store = store::open(db);
  if (!store) return std::unexpected(store.error());
  auto directory = (*store)->load_directory();
  if (!directory) return std::unexpected(directory.error());
  if (!directory->locations.empty()) return true;
  if (auto copied = (*store)->backup_to(staged); !copied) return std::unexpected(copied.error());
  return false;
}

// The rename is durable only once the directory entry is on disk.
Result<void> rename_durably(const std::string& from, const std::string& to) {
  std::error_code ec;
  std::filesystem::rename(from, to, ec);
  if (ec) return fail(ErrorCode::internal, "db", fmt::format("cannot move {} to {}: {}", from, to, ec.message()));
  const auto parent = std::filesystem::absolute(to).parent_path();
  const int fd = ::open(parent.c_str(), O_RDONLY | O_DIRECTORY);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
  return {};
}

}  // namespace

Result<void> seed_demo_staged(const std::string& db, const std::function<Result<void>(const std::string&)>& seed) {
  const std::string staged = db + ".seeding";
  remove_db_files(staged);  // left by a server killed while seeding
  auto seeded = has_clinics_else_copy(db, staged);
  if (!seeded) return std::unexpected(seeded.error());
  if (*seeded) return {};
  if (auto ok = seed(staged); !ok) {
    remove_db_files(staged);
    return ok;
  }
  // Closed cleanly, the copy is one file; a WAL left beside the database
  // would be replayed onto the copy, so a database still open elsewhere stops here.
  if (std::filesystem::exists(staged + "-wal") || std::filesystem::exists(db + "-wal"))
    return fail(ErrorCode::precondition_failed, "db", fmt::format("--db: {} is in use by another process", db));
  return rename_durably(staged, db);
}

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
