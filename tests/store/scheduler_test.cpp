// Scheduling use cases on a real (temporary) SQLite store: booking, conflicts
// with alternatives, series (all or nothing, across a DST change), idempotent
// retries, cancel/reschedule under the notice policy, the lifecycle, the board.
#include "clinic/board.h"
#include "clinic/scheduler.h"
#include "store_fixture.h"

namespace kc::clinic {
namespace {

using clinic::testing::at;
using clinic::testing::chicago;
using store::sqlite::testing::count;

class SchedulerTest : public store::sqlite::testing::StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    policy = testing::open_policy();
    policy.min_notice_min = 120;
    scheduler = std::make_unique<Scheduler>(directory, policy, *store, clock);
    patient = new_patient().id;
  }

  BookingRequest request(const char* start, const char* type = "infusion") const {
    return {patient, "test", type, Mode::in_person, at(start), std::nullopt, "", "", ""};
  }

  Appointment book(const char* start, const char* type = "infusion") {
    auto r = scheduler->book(request(start, type), actor);
    EXPECT_TRUE(r.has_value() && r->unavailable.empty()) << start;
    return r->appointments.front();
  }

  BookingPolicy policy;
  store::sqlite::testing::FixedClock clock{at("2026-10-26T12:00:00-05:00")};
  std::unique_ptr<Scheduler> scheduler;
  Actor actor{"staff", "front-desk-1"};
  Id patient = 0;
};

TEST_F(SchedulerTest, TakenStartIsRefusedWithAlternativesOnTheSameDay) {
  const Appointment a = book("2026-11-02T09:00:00-06:00");
  EXPECT_EQ(a.status, Status::booked);
  EXPECT_EQ(a.reservations.size(), 3u);  // chair, nurse, patient
  auto second = request("2026-11-02T09:30:00-06:00");
  second.patient_id = new_patient("Blake").id;
  auto r = scheduler->book(second, actor);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->unavailable.size(), 1u);
  EXPECT_EQ(r->unavailable[0].why.reason, "slot_taken");
  ASSERT_EQ(r->unavailable[0].alternatives.size(), 3u);
  // The one chair is held 09:00-11:05, so the nearest free starts are 11:15, 11:30, 11:45.
  EXPECT_EQ(format_instant(r->unavailable[0].alternatives[0].begin, chicago()), "2026-11-02T11:15:00-06:00");
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointments"), 1);
}

TEST_F(SchedulerTest, RequestsOutsideTheRulesAreRefusedWithTheirReason) {
  struct Case {
    const char* start;
    ErrorCode code;
    const char* reason;
  };
  for (const Case& c : {Case{"2026-11-02T07:00:00-06:00", ErrorCode::precondition_failed, "outside_hours"},
                        Case{"2026-10-26T12:30:00-05:00", ErrorCode::precondition_failed, "too_soon"},
                        Case{"2026-11-02T09:10:00-06:00", ErrorCode::invalid_argument, ""}}) {
    auto r = scheduler->book(request(c.start), actor);
    ASSERT_FALSE(r.has_value()) << c.start;
    EXPECT_EQ(r.error().code, c.code);
    EXPECT_EQ(r.error().reason, c.reason);
  }
  auto unknown = request("2026-11-02T09:00:00-06:00");
  unknown.patient_id = 4242;
  EXPECT_EQ(scheduler->book(unknown, actor).error().field, "patient_id");
  unknown = request("2026-11-02T09:00:00-06:00", "massage");
  EXPECT_EQ(scheduler->book(unknown, actor).error().field, "type");
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointments"), 0);
}

TEST_F(SchedulerTest, SeriesKeepsTheLocalTimeAcrossTheSpringForwardChange) {
  clock.set(at("2027-03-01T12:00:00-06:00"));
  auto r = request("2027-03-10T09:00:00-06:00");
  r.series = SeriesRequest{};  // policy defaults: 6 visits, Mon/Wed/Fri
  auto booked = scheduler->book(r, actor);
  ASSERT_TRUE(booked.has_value());
  ASSERT_TRUE(booked->unavailable.empty());
  std::vector<std::string> starts;
  for (const auto& a : booked->appointments) starts.push_back(format_instant(a.visit.begin, chicago()));
  EXPECT_EQ(starts, (std::vector<std::string>{"2027-03-10T09:00:00-06:00", "2027-03-12T09:00:00-06:00",
                                              "2027-03-15T09:00:00-05:00", "2027-03-17T09:00:00-05:00",
                                              "2027-03-19T09:00:00-05:00", "2027-03-22T09:00:00-05:00"}));
  ASSERT_TRUE(booked->appointments.front().series_id.has_value());
  for (const auto& a : booked->appointments) EXPECT_EQ(a.series_id, booked->appointments.front().series_id);
}

TEST_F(SchedulerTest, SeriesIsAllOrNothingAndProposesAlternativesForTheFullDate) {
  auto other = request("2026-11-06T09:00:00-06:00");
  other.patient_id = new_patient("Blake").id;
  ASSERT_TRUE(scheduler->book(other, actor)->unavailable.empty());
  auto r = request("2026-11-02T09:00:00-06:00");
  r.series = SeriesRequest{3, {date::Monday, date::Wednesday, date::Friday}};
  auto outcome = scheduler->book(r, actor);
  ASSERT_TRUE(outcome.has_value());
  EXPECT_TRUE(outcome->appointments.empty());
  ASSERT_EQ(outcome->unavailable.size(), 1u);
  EXPECT_EQ(outcome->unavailable[0].occurrence, 2);
  EXPECT_EQ(outcome->unavailable[0].why.field, "start[2]");
  EXPECT_FALSE(outcome->unavailable[0].alternatives.empty());
  EXPECT_EQ(count(path, fmt::format("SELECT count(*) FROM appointments WHERE patient_id = {}", patient)), 0);
  // A Sunday start with a count that needs more than the policy's span is refused outright.
  r.series = SeriesRequest{12, {date::Sunday}};
  EXPECT_EQ(scheduler->book(r, actor).error().field, "series");
}

TEST_F(SchedulerTest, RetryWithTheSameIdempotencyKeyDoesNotBookTwice) {
  auto r = request("2026-11-02T09:00:00-06:00");
  r.idempotency_key = "retry-1";
  r.fingerprint = "body-1";
  auto first = scheduler->book(r, actor);
  auto second = scheduler->book(r, actor);
  ASSERT_TRUE(first.has_value() && second.has_value());
  EXPECT_FALSE(first->replayed);
  EXPECT_TRUE(second->replayed);
  EXPECT_EQ(first->appointments.front().id, second->appointments.front().id);
  r.fingerprint = "body-2";
  EXPECT_EQ(scheduler->book(r, actor).error().reason, "idempotency_key_reused");
  EXPECT_EQ(count(path, "SELECT count(*) FROM appointments"), 1);
}

TEST_F(SchedulerTest, CancelFreesTheSlotAndRespectsTheNoticePeriod) {
  const Appointment a = book("2026-11-02T09:00:00-06:00");
  auto cancelled = scheduler->change(a.id, {Status::cancelled, std::nullopt, "patient request"}, actor);
  ASSERT_TRUE(cancelled.has_value());
  EXPECT_EQ(cancelled->status, Status::cancelled);
  const Appointment again = book("2026-11-02T09:00:00-06:00");
  clock.set(at("2026-11-01T12:00:00-06:00"));  // 21 h before: inside the 24 h notice
  auto late = scheduler->change(again.id, {Status::cancelled, std::nullopt, ""}, actor);
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().reason, "notice_period");
  EXPECT_EQ(scheduler->appointment(again.id)->status, Status::booked);
}

TEST_F(SchedulerTest, RescheduleMovesTheReservationsAndRecordsFromAndTo) {
  const Appointment a = book("2026-11-02T09:00:00-06:00");
  auto moved = scheduler->change(a.id, {std::nullopt, at("2026-11-02T09:15:00-06:00"), "later"}, actor);
  ASSERT_TRUE(moved.has_value()) << moved.error().message;  // overlaps its own old time: allowed
  EXPECT_EQ(format_instant(moved->visit.begin, chicago()), "2026-11-02T09:15:00-06:00");
  auto history = scheduler->history(a.id).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1].action, "rescheduled");
  EXPECT_EQ(history[1].from_visit->begin, at("2026-11-02T09:00:00-06:00"));
  EXPECT_EQ(history[1].to_visit->begin, at("2026-11-02T09:15:00-06:00"));
  EXPECT_EQ(history[1].actor.id, "front-desk-1");
  // Someone else's booking blocks the next move; the appointment stays where it was.
  auto other = request("2026-11-03T09:00:00-06:00");
  other.patient_id = new_patient("Blake").id;
  ASSERT_TRUE(scheduler->book(other, actor)->unavailable.empty());
  auto blocked = scheduler->change(a.id, {std::nullopt, at("2026-11-03T09:30:00-06:00"), ""}, actor);
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().reason, "slot_taken");
  EXPECT_EQ(scheduler->appointment(a.id)->visit.begin, at("2026-11-02T09:15:00-06:00"));
  EXPECT_EQ(count(path, fmt::format("SELECT count(*) FROM reservation_cells WHERE appointment_id = {}", a.id)),
            25 + 25 + 23);  // chair and nurse 125 min, patient 115 min
}

TEST_F(SchedulerTest, StatusFollowsTheLifecycle) {
  const Appointment a = book("2026-11-02T09:00:00-06:00");
  for (Status s : {Status::checked_in, Status::in_progress, Status::completed})
    ASSERT_TRUE(scheduler->change(a.id, {s, std::nullopt, ""}, actor).has_value()) << to_string(s);
  auto r = scheduler->change(a.id, {Status::cancelled, std::nullopt, ""}, actor);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().reason, "invalid_transition");
  EXPECT_EQ(scheduler->change(a.id, {Status::booked, at("2026-11-02T10:00:00-06:00"), ""}, actor).error().field, "status");
  EXPECT_EQ(scheduler->history(a.id)->size(), 4u);
}

TEST_F(SchedulerTest, NextFreeAndTheDayBoard) {
  const Appointment a = book("2026-10-26T14:00:00-05:00");  // exactly the minimum notice after now
  auto next = scheduler->next_free(*directory.find_location("test", "l").value(),
                                   *directory.find_type("follow_up", "t").value(), Mode::in_person);
  ASSERT_TRUE(next.has_value() && next->has_value());
  EXPECT_EQ(format_instant((*next)->begin, chicago()), "2026-10-26T14:00:00-05:00");
  auto board = day_board(directory, *store, "test", date::year{2026} / 10 / 26);
  ASSERT_TRUE(board.has_value());
  ASSERT_EQ(board->appointments.size(), 1u);
  EXPECT_EQ(board->appointments[0].id, a.id);
  EXPECT_EQ(board->patients.at(patient).given_name, "Alex");
  ASSERT_EQ(board->resources.size(), 2u);
  EXPECT_EQ(board->resources[0].appointment_ids, std::vector<Id>{a.id});  // the chair
  EXPECT_TRUE(board->resources[1].appointment_ids.empty());               // the room
  ASSERT_EQ(board->clinicians.size(), 2u);
  EXPECT_TRUE(board->clinicians[0].appointment_ids.empty());  // the prescriber: on site, not reserved
  EXPECT_EQ(board->clinicians[1].appointment_ids, std::vector<Id>{a.id});
}

}  // namespace
}  // namespace kc::clinic
