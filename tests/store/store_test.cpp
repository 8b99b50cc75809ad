// SqliteStore against temporary databases: the directory round trip, the
// constraints that refuse double booking and orphan rows, atomic bookings,
// idempotency keys, changes, concurrent writers and online backup.
#include <thread>

#include "store/sqlite/migrations.h"
#include "store_fixture.h"

namespace kc::store::sqlite {
namespace {

using namespace clinic;
using clinic::testing::at;
using testing::count;
using testing::StoreTest;

Appointment appointment_for(Id patient, Id location, Id type, const char* start, const char* end,
                            std::vector<Reservation> reservations) {
  Appointment a;
  a.patient_id = patient;
  a.location_id = location;
  a.type_id = type;
  a.visit = {at(start), at(end)};
  a.reservations = std::move(reservations);
  return a;
}

Reservation chair_reservation(Id chair, const char* start, const char* end) {
  return {{ResourceKey::Class::resource, chair}, {at(start), at(end)}};
}

NewBooking booking_of(std::vector<Appointment> appointments) {
  NewBooking b;
  b.appointments = std::move(appointments);
  b.event = make_event(0, at("2026-10-01T00:00:00Z"), {"system", "test"}, "booked", std::nullopt, Status::booked, "");
  return b;
}

// Stores `booking` as planned, without any check in code: only the database
// stands between it and an overlap.
Result<StoredBooking> insert(SqliteStore& store, const NewBooking& booking, IdempotencyKey key = {}) {
  return store.insert_booking(key, [&](AppointmentReader&) -> Result<NewBooking> { return booking; });
}

TEST_F(StoreTest, DirectoryRoundTripsThroughTheDatabase) {
  ASSERT_EQ(directory.locations().size(), 2u);
  const Location& test = *directory.find_location("test", "l").value();
  EXPECT_EQ(test.zone_name, "America/Chicago");
  EXPECT_EQ(test.hours.days[1], (std::vector<LocalSpan>{{540, 1020}}));
  ASSERT_EQ(directory.staff_at(test.id).size(), 2u);
  EXPECT_EQ(directory.staff_at(test.id)[0]->shifts.size(), 7u);
  const AppointmentType& infusion = *directory.find_type("infusion", "t").value();
  EXPECT_EQ(infusion.visit_min(), 115);
  ASSERT_EQ(infusion.requirements.size(), 3u);
  EXPECT_FALSE(infusion.requirements[2].exclusive);
  EXPECT_EQ(store->seed_directory(clinic::testing::clinic_data()).error().code, ErrorCode::precondition_failed);
}

TEST_F(StoreTest, PrimaryKeyOfCellsRefusesAnOverlapWithoutAnyCheckInCode) {
  const Id p1 = new_patient().id, p2 = new_patient("Blake").id;
  auto first = insert(*store, booking_of({appointment_for(
      p1, 1, 1, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", {chair_reservation(1, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z")})}));
  ASSERT_TRUE(first.has_value()) << first.error().message;
  // Overlaps by one 5-minute cell; the store is asked directly, with no planner in between.
  auto second = insert(*store, booking_of({appointment_for(
      p2, 1, 1, "2026-11-02T15:55:00Z", "2026-11-02T16:55:00Z", {chair_reservation(1, "2026-11-02T15:55:00Z", "2026-11-02T16:55:00Z")})}));
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, ErrorCode::conflict);
  EXPECT_EQ(second.error().reason, "slot_taken");
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointments"), 1);
  EXPECT_EQ(count(path, "SELECT count(*) FROM reservation_cells"), 12);
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointment_events"), 1);
}

TEST_F(StoreTest, ABookingOfSeveralAppointmentsIsAllOrNothing) {
  const Id p = new_patient().id;
  ASSERT_TRUE(insert(*store, booking_of({appointment_for(p, 1, 1, "2026-11-04T15:00:00Z", "2026-11-04T16:00:00Z",
                                                                {chair_reservation(1, "2026-11-04T15:00:00Z", "2026-11-04T16:00:00Z")})}))
                  .has_value());
  const Id q = new_patient("Blake").id;
  auto series = booking_of({appointment_for(q, 1, 1, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z",
                                            {chair_reservation(1, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z")}),
                            appointment_for(q, 1, 1, "2026-11-04T15:30:00Z", "2026-11-04T16:30:00Z",
                                            {chair_reservation(1, "2026-11-04T15:30:00Z", "2026-11-04T16:30:00Z")})});
  series.series = true;
  auto r = insert(*store, series);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().reason, "slot_taken");
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointments"), 1);
  EXPECT_EQ(count(path, "SELECT count(*) FROM series"), 0);
  EXPECT_EQ(count(path, "SELECT count(*) FROM reservations"), 1);
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointment_events"), 1);
}

TEST_F(StoreTest, ForeignKeysAndChecksRefuseBadRows) {
  auto orphan = insert(*store, booking_of({appointment_for(999, 1, 1, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", {})}));
  ASSERT_FALSE(orphan.has_value());
  EXPECT_EQ(orphan.error().code, ErrorCode::conflict);
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointments"), 0);
  auto db = Connection::open(path, {});
  ASSERT_TRUE(db.has_value());
  EXPECT_FALSE((*db)->exec("INSERT INTO reservation_cells VALUES (1, 1, 100, 12345)").has_value());
  new_patient();
  EXPECT_FALSE((*db)->exec("INSERT INTO appointments (patient_id, location_id, type_id, mode, start_s, end_s, status, "
                           "created_at, updated_at) VALUES (1, 1, 1, 'in_person', 10, 20, 'maybe', 0, 0)").has_value());
  EXPECT_FALSE((*db)->exec("INSERT INTO appointments (patient_id, location_id, type_id, mode, start_s, end_s, status, "
                           "created_at, updated_at) VALUES (1, 1, 1, 'in_person', 20, 10, 'booked', 0, 0)").has_value());
}

TEST_F(StoreTest, IdempotencyKeyReplaysTheSameRequestAndRefusesADifferentOne) {
  const Id p = new_patient().id;
  const auto booking = booking_of({appointment_for(p, 1, 1, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z",
                                                   {chair_reservation(1, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z")})});
  auto first = insert(*store, booking, {"key-1", "request A"});
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(first->replayed);
  int planned = 0;
  auto again = store->insert_booking({"key-1", "request A"}, [&](AppointmentReader&) -> Result<NewBooking> {
    ++planned;
    return booking;
  });
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(planned, 0);  // a replay does not plan again
  EXPECT_EQ(again->appointments.front().id, first->appointments.front().id);
  auto other = insert(*store, booking, {"key-1", "request B"});
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().reason, "idempotency_key_reused");
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointments"), 1);
}

TEST_F(StoreTest, CancellingReleasesCellsButKeepsTheRecordAndItsHistory) {
  const Id p = new_patient().id;
  auto booked = insert(*store, booking_of({appointment_for(
      p, 1, 1, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", {chair_reservation(1, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z")})}));
  ASSERT_TRUE(booked.has_value());
  const Appointment& a = booked->appointments.front();
  AppointmentChange cancel;
  cancel.expected_version = a.version;
  cancel.status = Status::cancelled;
  cancel.event = make_event(a.id, at("2026-10-02T00:00:00Z"), {"anonymous", ""}, "cancelled", Status::booked,
                            Status::cancelled, "moved away");
  const ChangePlan as_planned = [&](AppointmentReader&, const Appointment&) -> Result<AppointmentChange> { return cancel; };
  auto cancelled = store->apply_change(a.id, as_planned);
  ASSERT_TRUE(cancelled.has_value());
  EXPECT_EQ(cancelled->status, Status::cancelled);
  EXPECT_EQ(cancelled->version, 2);
  EXPECT_EQ(count(path, "SELECT count(*) FROM reservation_cells"), 0);
  EXPECT_TRUE(store->busy_at(1, {at("2026-11-02T00:00:00Z"), at("2026-11-03T00:00:00Z")})->empty());
  auto history = store->history(a.id).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].reason, "moved away");
  EXPECT_EQ(history[1].to_status, Status::cancelled);
  // A second change based on the old version is refused, not lost.
  auto stale = store->apply_change(a.id, as_planned);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().reason, "stale_version");
}

TEST_F(StoreTest, SeparateConnectionsRacingForTheSameCellsLeaveExactlyOneBooking) {
  // Two stores on one file share no mutex: only SQLite's locking and the cell
  // primary key stand between them.
  auto other = SqliteStore::open(path);
  ASSERT_TRUE(other.has_value());
  std::vector<Id> patients;
  for (int i = 0; i < 8; ++i) patients.push_back(new_patient().id);
  std::atomic<int> ok{0}, taken{0}, failed{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i)
    threads.emplace_back([&, i] {
      SqliteStore& s = i % 2 == 0 ? *store : **other;
      auto r = insert(s, booking_of({appointment_for(patients[i], 1, 1, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z",
                                                     {chair_reservation(1, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z")})}));
      if (r) ++ok;
      else if (r.error().reason == "slot_taken") ++taken;
      else ++failed;
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 1);
  EXPECT_EQ(taken, 7);
  EXPECT_EQ(failed, 0);
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointments"), 1);
}

TEST_F(StoreTest, PatientsAreCreatedSearchedAndUpdatedWithVersions) {
  new_patient("Alex");
  new_patient("Alexis");
  auto blake = new_patient("Blake");
  EXPECT_EQ(store->find_patients({"ale", std::nullopt, 50})->size(), 2u);
  EXPECT_EQ(store->find_patients({"demo", std::nullopt, 50})->size(), 3u);
  EXPECT_EQ(store->find_patients({"a%", std::nullopt, 50})->size(), 0u);  // % is literal
  EXPECT_EQ(store->find_patients({"", date::year{1980} / 1 / 2, 2})->size(), 2u);
  blake.email = "blake.demo@example.com";
  auto updated = store->update_patient(blake);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->version, 2);
  EXPECT_EQ(store->update_patient(blake).error().reason, "stale_version");
  EXPECT_EQ(store->patient(12345).error().code, ErrorCode::not_found);
}

TEST_F(StoreTest, OnlineBackupCopiesTheLiveDatabase) {
  new_patient();
  const auto target = testing::temp_db_path();
  ASSERT_TRUE(store->backup_to(target).has_value());
  EXPECT_EQ(count(target, "SELECT count(*) FROM patients"), 1);
  EXPECT_EQ(count(target, "SELECT count(*) FROM locations"), 2);
  EXPECT_EQ(count(target, "PRAGMA user_version"), latest_version());
  EXPECT_EQ(store->backup_to(path).error().code, ErrorCode::invalid_argument);
  testing::remove_db(target);
}

}  // namespace
}  // namespace kc::store::sqlite
