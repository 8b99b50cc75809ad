// Booking use cases against an in-memory store: an induction series keeps its
// local time across the DST change of 2027-03-14, is all or nothing with
// alternatives for the full date, and stays within the policy's limits.
#include "clinic/scheduler.h"
#include "fake_store.h"
#include "fixtures.h"

namespace kc::clinic {
namespace {

using namespace testing;

class FixedClock final : public Clock {
 public:
  Instant now() const override { return t; }
  Instant t = at("2027-03-01T12:00:00-06:00");
};

class SeriesTest : public ::testing::Test {
 protected:
  SeriesTest() : store(clinic_data()), directory(clinic_data()) {
    policy.min_notice_min = 120;
    Patient p;
    p.given_name = "Alex";
    p.family_name = "Demo";
    patient = store.create_patient(p)->id;
  }

  BookingRequest series(const char* start, int count, std::vector<date::weekday> days = {}) const {
    return {patient, "test", "infusion", Mode::in_person, at(start), SeriesRequest{count, std::move(days)}, "", "", ""};
  }

  std::vector<std::string> starts(const std::vector<Appointment>& appointments) const {
    std::vector<std::string> out;
    for (const auto& a : appointments) out.push_back(format_instant(a.visit.begin, chicago()));
    return out;
  }

  FakeStore store;
  Directory directory;
  BookingPolicy policy = open_policy();
  FixedClock clock;
  Scheduler scheduler{directory, policy, store, clock};
  Actor actor;
  Id patient = 0;
};

TEST_F(SeriesTest, SixVisitsOnMonWedFriKeepNineOClockAcrossTheSpringForwardChange) {
  auto r = scheduler.book(series("2027-03-10T09:00:00-06:00", 0), actor);
  ASSERT_TRUE(r.has_value()) << r.error().message;
  ASSERT_TRUE(r->unavailable.empty());
  EXPECT_EQ(starts(r->appointments),
            (std::vector<std::string>{"2027-03-10T09:00:00-06:00", "2027-03-12T09:00:00-06:00",
                                      "2027-03-15T09:00:00-05:00", "2027-03-17T09:00:00-05:00",
                                      "2027-03-19T09:00:00-05:00", "2027-03-22T09:00:00-05:00"}));
  // Across the change the visits are 71 real hours apart, not 72.
  EXPECT_EQ(r->appointments[2].visit.begin - r->appointments[1].visit.begin, std::chrono::hours(71));
}

TEST_F(SeriesTest, ChosenWeekdaysAndCount) {
  auto r = scheduler.book(series("2027-03-09T14:00:00-06:00", 4, {date::Tuesday, date::Thursday}), actor);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(starts(r->appointments),
            (std::vector<std::string>{"2027-03-09T14:00:00-06:00", "2027-03-11T14:00:00-06:00",
                                      "2027-03-16T14:00:00-05:00", "2027-03-18T14:00:00-05:00"}));
}

TEST_F(SeriesTest, AFullDateBooksNothingAndOffersTheNearestFreeStarts) {
  auto blocker = series("2027-03-12T09:00:00-06:00", 0);
  blocker.series.reset();
  blocker.patient_id = store.create_patient({})->id;
  ASSERT_TRUE(scheduler.book(blocker, actor)->unavailable.empty());
  auto r = scheduler.book(series("2027-03-10T09:00:00-06:00", 3), actor);
  ASSERT_TRUE(r.has_value());
  EXPECT_TRUE(r->appointments.empty());
  ASSERT_EQ(r->unavailable.size(), 1u);
  EXPECT_EQ(r->unavailable[0].occurrence, 1);
  EXPECT_EQ(r->unavailable[0].why.reason, "slot_taken");
  // The chair is held 09:00-11:05 that Friday: 11:15 is nearest, then 11:30 and 11:45.
  EXPECT_EQ(format_instant(r->unavailable[0].alternatives[0].begin, chicago()), "2027-03-12T11:15:00-06:00");
  EXPECT_EQ(r->unavailable[0].alternatives.size(), 3u);
  EXPECT_EQ(store.all().size(), 1u);  // only the blocker
}

TEST_F(SeriesTest, CountAndSpanFollowThePolicy) {
  auto too_many = scheduler.book(series("2027-03-10T09:00:00-06:00", 13), actor);
  ASSERT_FALSE(too_many.has_value());
  EXPECT_EQ(too_many.error().field, "series.count");
  auto too_long = scheduler.book(series("2027-03-10T09:00:00-06:00", 6, {date::Sunday}), actor);
  ASSERT_FALSE(too_long.has_value());
  EXPECT_EQ(too_long.error().field, "series");
  EXPECT_TRUE(store.all().empty());
}

TEST_F(SeriesTest, ASingleVisitOutsideTheRulesIsAnErrorNotAnOffer) {
  auto single = series("2027-03-10T07:00:00-06:00", 0);
  single.series.reset();
  auto r = scheduler.book(single, actor);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().reason, "outside_hours");
}

}  // namespace
}  // namespace kc::clinic
