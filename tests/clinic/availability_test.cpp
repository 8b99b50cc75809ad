// Availability: DST days in America/Chicago (2026-11-01 fall back, 2027-03-14
// spring forward), buffers, notice, horizon, shifts, presence and closures.
#include <algorithm>

#include "clinic/availability.h"
#include "fixtures.h"

namespace kc::clinic {
namespace {

using namespace testing;

class AvailabilityTest : public ::testing::Test {
 protected:
  Directory directory{clinic_data()};
  BookingPolicy policy = open_policy();
  BusyIndex none;

  std::vector<Interval> slots(std::string_view location, std::string_view type, const char* from, const char* to,
                              const BusyIndex& busy, const char* now = "2026-01-01T00:00:00Z",
                              Mode mode = Mode::in_person) const {
    const SlotQuery q{directory.find_location(location, "l").value(), directory.find_type(type, "t").value(), mode, 0};
    return Planner(directory, policy, q, busy, at(now)).free_slots(at(from), at(to));
  }

  Result<std::vector<Reservation>> plan(std::string_view type, const char* start, const BusyIndex& busy,
                                        const char* now = "2026-01-01T00:00:00Z") const {
    const SlotQuery q{directory.find_location("test", "l").value(), directory.find_type(type, "t").value(),
                      Mode::in_person, 7};
    return Planner(directory, policy, q, busy, at(now)).plan(at(start), "start");
  }
};

TEST_F(AvailabilityTest, OpeningAtNineLocalKeepsItsWallClockAcrossTheFallBackChange) {
  auto s = slots("test", "follow_up", "2026-10-31T00:00:00-05:00", "2026-11-03T00:00:00-06:00", none);
  auto local = local_starts(s);
  // 09:00-17:00 with 30-min visits every 15 min: 31 starts a day, three days.
  ASSERT_EQ(s.size(), 3u * 31);
  EXPECT_EQ(local[0], "2026-10-31T09:00:00-05:00");
  EXPECT_EQ(local[31], "2026-11-01T09:00:00-06:00");
  EXPECT_EQ(local[62], "2026-11-02T09:00:00-06:00");
  // Consecutive 09:00 openings are 25 hours apart across the change, 24 after it.
  EXPECT_EQ(s[31].begin - s[0].begin, std::chrono::hours(25));
  EXPECT_EQ(s[62].begin - s[31].begin, std::chrono::hours(24));
  EXPECT_EQ(local[30], "2026-10-31T16:30:00-05:00");
}

TEST_F(AvailabilityTest, OpeningAtNineLocalKeepsItsWallClockAcrossTheSpringForwardChange) {
  auto local = local_starts(slots("test", "follow_up", "2027-03-13T00:00:00-06:00", "2027-03-15T00:00:00-05:00", none));
  ASSERT_EQ(local.size(), 2u * 31);
  EXPECT_EQ(local[0], "2027-03-13T09:00:00-06:00");
  EXPECT_EQ(local[31], "2027-03-14T09:00:00-05:00");
  EXPECT_EQ(local[61], "2027-03-14T16:30:00-05:00");
}

TEST_F(AvailabilityTest, FallBackDayHas25HoursOfStartsAndRepeatsOneLocalHour) {
  auto s = slots("allday", "follow_up", "2026-11-01T00:00:00-05:00", "2026-11-02T00:00:00-06:00", none);
  auto local = local_starts(s);
  // 25 real hours of 15-min starts, minus the last one (a 30-min visit must end by 24:00).
  EXPECT_EQ(s.size(), 25u * 4 - 1);
  EXPECT_NE(std::find(local.begin(), local.end(), "2026-11-01T01:15:00-05:00"), local.end());
  EXPECT_NE(std::find(local.begin(), local.end(), "2026-11-01T01:15:00-06:00"), local.end());
  for (std::size_t i = 1; i < s.size(); ++i) EXPECT_EQ(s[i].begin - s[i - 1].begin, std::chrono::minutes(15));
}

TEST_F(AvailabilityTest, SpringForwardDayHas23HoursOfStartsAndSkipsTwoOClock) {
  auto s = slots("allday", "follow_up", "2027-03-14T00:00:00-06:00", "2027-03-15T00:00:00-05:00", none);
  auto local = local_starts(s);
  EXPECT_EQ(s.size(), 23u * 4 - 1);
  for (const auto& text : local) EXPECT_EQ(text.find("T02:"), std::string::npos) << text;
  EXPECT_NE(std::find(local.begin(), local.end(), "2027-03-14T01:45:00-06:00"), local.end());
  EXPECT_NE(std::find(local.begin(), local.end(), "2027-03-14T03:00:00-05:00"), local.end());
}

TEST_F(AvailabilityTest, VisitSpanningTheFallBackHourLastsItsRealDuration) {
  auto s = slots("allday", "infusion", "2026-11-01T01:00:00-05:00", "2026-11-01T01:01:00-05:00", none);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].end - s[0].begin, std::chrono::minutes(115));
  EXPECT_EQ(format_instant(s[0].end, chicago()), "2026-11-01T01:55:00-06:00");
}

TEST_F(AvailabilityTest, ABookedChairWithItsTurnoverBufferBlocksOverlappingStarts) {
  // An infusion holds the chair for its visit plus 10 min turnover: 10:00-12:05.
  const BusyIndex busy({{chair(1), {at("2026-11-02T10:00:00-06:00"), at("2026-11-02T12:05:00-06:00")}}});
  auto local = local_starts(slots("test", "infusion", "2026-11-02T09:00:00-06:00", "2026-11-02T13:00:00-06:00", busy));
  // A new infusion needs the chair from its start to 125 min later: it must end
  // by 10:00 (impossible after opening at 09:00) or start at 12:05 or later.
  ASSERT_FALSE(local.empty());
  EXPECT_EQ(local.front(), "2026-11-02T12:15:00-06:00");
}

TEST_F(AvailabilityTest, TheBufferAfterAVisitIsReservedButNeedNotFitInOpeningHours) {
  // Consultation: 60 min + 10 min notes. The last start is 16:00 (visit ends 17:00).
  auto local = local_starts(slots("test", "consultation", "2026-11-02T15:00:00-06:00", "2026-11-02T18:00:00-06:00", none));
  EXPECT_EQ(local.back(), "2026-11-02T16:00:00-06:00");
  // The prescriber is held until 11:10 by a 10:00 consultation, so the next starts at 11:15.
  const BusyIndex busy({{person(1), {at("2026-11-02T10:00:00-06:00"), at("2026-11-02T11:10:00-06:00")}}});
  auto after = local_starts(slots("test", "consultation", "2026-11-02T09:00:00-06:00", "2026-11-02T12:00:00-06:00", busy));
  EXPECT_EQ(after, (std::vector<std::string>{"2026-11-02T11:15:00-06:00", "2026-11-02T11:30:00-06:00",
                                             "2026-11-02T11:45:00-06:00"}));
}

TEST_F(AvailabilityTest, MinimumNoticeHidesStartsTooCloseToNow) {
  policy.min_notice_min = 120;
  auto local = local_starts(slots("test", "follow_up", "2026-11-02T00:00:00-06:00", "2026-11-03T00:00:00-06:00", none,
                                  "2026-11-02T08:10:00-06:00"));
  EXPECT_EQ(local.front(), "2026-11-02T10:15:00-06:00");
}

TEST_F(AvailabilityTest, HorizonHidesStartsTooFarAhead) {
  policy.horizon_days = 1;
  auto s = slots("test", "follow_up", "2026-11-02T00:00:00-06:00", "2026-11-05T00:00:00-06:00", none,
                 "2026-11-02T12:00:00-06:00");
  EXPECT_EQ(local_starts(s).back(), "2026-11-03T11:45:00-06:00");
}

TEST_F(AvailabilityTest, ClosedDayHasNoSlots) {
  auto data = clinic_data();
  data.locations[0].closures.push_back({date::local_days{date::year{2026} / 11 / 26}, "Thanksgiving"});
  directory = Directory(std::move(data));
  EXPECT_TRUE(slots("test", "follow_up", "2026-11-26T00:00:00-06:00", "2026-11-27T00:00:00-06:00", none).empty());
  EXPECT_EQ(slots("test", "follow_up", "2026-11-27T00:00:00-06:00", "2026-11-28T00:00:00-06:00", none).size(), 31u);
}

TEST_F(AvailabilityTest, ShiftsAreLocalTimeAndBoundStaffReservations) {
  auto data = clinic_data();
  data.staff[1].shifts.clear();  // the nurse works only 09:00-12:00 on Sunday 2027-03-14
  data.staff[1].shifts.push_back({1, date::Sunday, {9 * 60, 12 * 60}});
  directory = Directory(std::move(data));
  auto local = local_starts(slots("test", "infusion", "2027-03-14T00:00:00-05:00", "2027-03-15T00:00:00-05:00", none));
  // 115-min visits that end by 12:00: 09:00 .. 10:05 -> 09:00, 09:15, ..., 10:00.
  EXPECT_EQ(local, (std::vector<std::string>{"2027-03-14T09:00:00-05:00", "2027-03-14T09:15:00-05:00",
                                             "2027-03-14T09:30:00-05:00", "2027-03-14T09:45:00-05:00",
                                             "2027-03-14T10:00:00-05:00"}));
}

TEST_F(AvailabilityTest, PresenceRequirementNeedsSomeoneOnShiftButReservesNobody) {
  // The prescriber is busy (a consultation) but only needs to be on site for an infusion.
  const BusyIndex busy({{person(1), {at("2026-11-02T09:00:00-06:00"), at("2026-11-02T17:00:00-06:00")}}});
  auto plan_result = plan("infusion", "2026-11-02T09:00:00-06:00", busy);
  ASSERT_TRUE(plan_result.has_value()) << plan_result.error().message;
  for (const auto& r : *plan_result) EXPECT_NE(r.key, person(1));
  auto data = clinic_data();
  data.staff[0].shifts.clear();  // nobody prescribes on site
  directory = Directory(std::move(data));
  auto refused = plan("infusion", "2026-11-02T09:00:00-06:00", none);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().reason, "no_staff");
}

TEST_F(AvailabilityTest, TelehealthDropsInPersonOnlyRequirements) {
  const BusyIndex busy({{chair(2), {at("2026-11-02T09:00:00-06:00"), at("2026-11-02T17:00:00-06:00")}}});
  EXPECT_TRUE(slots("test", "consultation", "2026-11-02T09:00:00-06:00", "2026-11-02T10:00:00-06:00", busy).empty());
  EXPECT_EQ(slots("test", "consultation", "2026-11-02T09:00:00-06:00", "2026-11-02T10:00:00-06:00", busy,
                  "2026-01-01T00:00:00Z", Mode::telehealth).size(), 4u);
}

TEST_F(AvailabilityTest, PlanReservesEveryExclusiveRequirementAndThePatient) {
  auto r = plan("infusion", "2026-11-02T09:00:00-06:00", none);
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->size(), 3u);  // chair, nurse, patient 7
  EXPECT_EQ((*r)[0].key, chair(1));
  EXPECT_EQ((*r)[0].when, (Interval{at("2026-11-02T09:00:00-06:00"), at("2026-11-02T11:05:00-06:00")}));
  EXPECT_EQ((*r)[1].key, person(2));
  EXPECT_EQ((*r)[2].key, (ResourceKey{ResourceKey::Class::patient, 7}));
  EXPECT_EQ((*r)[2].when, (Interval{at("2026-11-02T09:00:00-06:00"), at("2026-11-02T10:55:00-06:00")}));
}

struct Refusal {
  const char* start;
  const char* now;
  ErrorCode code;
  const char* reason;
};

TEST_F(AvailabilityTest, PlanSaysWhyAStartCannotBeBooked) {
  const BusyIndex busy({{chair(1), {at("2026-11-03T09:00:00-06:00"), at("2026-11-03T12:00:00-06:00")}}});
  const Refusal cases[] = {
      {"2026-11-02T08:00:00-06:00", "2026-01-01T00:00:00Z", ErrorCode::precondition_failed, "outside_hours"},
      {"2026-11-02T16:00:00-06:00", "2026-01-01T00:00:00Z", ErrorCode::precondition_failed, "outside_hours"},
      {"2026-11-02T09:05:00-06:00", "2026-01-01T00:00:00Z", ErrorCode::invalid_argument, ""},
      {"2026-11-02T09:00:00-06:00", "2026-11-02T09:00:00-06:00", ErrorCode::precondition_failed, "too_soon"},
      {"2028-11-02T09:00:00-06:00", "2026-01-01T00:00:00Z", ErrorCode::precondition_failed, "beyond_horizon"},
      {"2026-11-03T10:00:00-06:00", "2026-01-01T00:00:00Z", ErrorCode::conflict, "slot_taken"},
  };
  policy.min_notice_min = 60;
  for (const auto& c : cases) {
    auto r = plan("infusion", c.start, busy, c.now);
    ASSERT_FALSE(r.has_value()) << c.start;
    EXPECT_EQ(r.error().code, c.code) << c.start;
    EXPECT_EQ(r.error().reason, c.reason) << c.start;
    EXPECT_EQ(r.error().field, "start") << c.start;
  }
}

TEST(BusyIndexTest, FindsOverlapsPerKeyAndTreatsTouchingAsFree) {
  BusyIndex busy({{chair(1), {at("2026-11-02T10:00:00Z"), at("2026-11-02T11:00:00Z")}},
                  {chair(1), {at("2026-11-02T13:00:00Z"), at("2026-11-02T14:00:00Z")}},
                  {chair(2), {at("2026-11-02T00:00:00Z"), at("2026-11-03T00:00:00Z")}}});
  auto free = [&](Id id, const char* b, const char* e) { return busy.is_free(chair(id), {at(b), at(e)}); };
  EXPECT_TRUE(free(1, "2026-11-02T09:00:00Z", "2026-11-02T10:00:00Z"));
  EXPECT_FALSE(free(1, "2026-11-02T09:00:00Z", "2026-11-02T10:00:01Z"));
  EXPECT_TRUE(free(1, "2026-11-02T11:00:00Z", "2026-11-02T13:00:00Z"));
  EXPECT_FALSE(free(1, "2026-11-02T12:00:00Z", "2026-11-02T15:00:00Z"));
  EXPECT_FALSE(free(1, "2026-11-02T10:15:00Z", "2026-11-02T10:30:00Z"));
  EXPECT_FALSE(free(2, "2026-11-02T10:15:00Z", "2026-11-02T10:30:00Z"));
  EXPECT_TRUE(free(3, "2026-11-02T10:15:00Z", "2026-11-02T10:30:00Z"));
  busy.add({chair(3), {at("2026-11-02T10:00:00Z"), at("2026-11-02T10:20:00Z")}});
  EXPECT_FALSE(free(3, "2026-11-02T10:15:00Z", "2026-11-02T10:30:00Z"));
}

}  // namespace
}  // namespace kc::clinic
