// ISO 8601 instants with offsets, dates, times of day, local <-> UTC in a zone.
#include <gtest/gtest.h>

#include "clinic/time.h"

namespace kc::clinic {
namespace {

Zone chicago() { return date::locate_zone("America/Chicago"); }

TEST(TimeTest, ParsesInstantsWithEveryOffsetForm) {
  const Instant expected = date::sys_days{date::year{2026} / 11 / 2} + std::chrono::hours(15);
  for (const char* text : {"2026-11-02T09:00:00-06:00", "2026-11-02T15:00:00Z", "2026-11-02T15:00Z",
                           "2026-11-02T16:00:00+01:00", "2026-11-02t15:00:00z", "2026-11-02T15:00:00.000Z"})
    EXPECT_EQ(parse_instant(text, "start").value(), expected) << text;
}

TEST(TimeTest, RefusesTextThatNamesNoInstant) {
  for (const char* text : {"2026-11-02T09:00:00", "2026-11-02", "2026-11-02 09:00:00Z", "2026-13-02T09:00:00Z",
                           "2026-02-30T09:00:00Z", "2026-11-02T24:00:00Z", "2026-11-02T09:00:00+5", "",
                           "2026-11-02T09:00:00.5Z", "2026-11-02T09:00:00-06:00x", "tomorrow"}) {
    auto r = parse_instant(text, "start");
    ASSERT_FALSE(r.has_value()) << text;
    EXPECT_EQ(r.error().code, ErrorCode::invalid_argument);
    EXPECT_EQ(r.error().field, "start");
  }
}

TEST(TimeTest, MissingOffsetIsNamedInTheMessage) {
  auto r = parse_instant("2026-11-02T09:00:00", "start");
  ASSERT_FALSE(r.has_value());
  EXPECT_NE(r.error().message.find("offset"), std::string::npos);
}

TEST(TimeTest, FormatsWithTheOffsetInForceAtThatInstant) {
  // America/Chicago: CDT (-05:00) until 2026-11-01 07:00Z, then CST (-06:00).
  EXPECT_EQ(format_instant(parse_instant("2026-11-01T06:59:59Z", "t").value(), chicago()), "2026-11-01T01:59:59-05:00");
  EXPECT_EQ(format_instant(parse_instant("2026-11-01T07:00:00Z", "t").value(), chicago()), "2026-11-01T01:00:00-06:00");
  // and back to CDT at 2027-03-14 08:00Z.
  EXPECT_EQ(format_instant(parse_instant("2027-03-14T07:59:00Z", "t").value(), chicago()), "2027-03-14T01:59:00-06:00");
  EXPECT_EQ(format_instant(parse_instant("2027-03-14T08:00:00Z", "t").value(), chicago()), "2027-03-14T03:00:00-05:00");
  EXPECT_EQ(format_instant(parse_instant("2026-07-01T12:00:00Z", "t").value(), date::locate_zone("Asia/Kolkata")),
            "2026-07-01T17:30:00+05:30");
}

TEST(TimeTest, LocalWallClockToInstantHandlesGapsAndRepeats) {
  const auto nov1 = date::local_days{date::year{2026} / 11 / 1};
  const auto mar14 = date::local_days{date::year{2027} / 3 / 14};
  // 01:30 happens twice on 2026-11-01: the first (CDT) is chosen.
  EXPECT_EQ(format_instant(to_instant(nov1, 90, chicago()), chicago()), "2026-11-01T01:30:00-05:00");
  // 02:30 does not exist on 2027-03-14: the moment of the change is used.
  EXPECT_EQ(format_instant(to_instant(mar14, 150, chicago()), chicago()), "2027-03-14T03:00:00-05:00");
  EXPECT_EQ(to_instant(nov1 + date::days(1), 0, chicago()) - to_instant(nov1, 0, chicago()), std::chrono::hours(25));
  EXPECT_EQ(to_instant(mar14 + date::days(1), 0, chicago()) - to_instant(mar14, 0, chicago()), std::chrono::hours(23));
  EXPECT_EQ(local_day(parse_instant("2026-11-02T05:59:00Z", "t").value(), chicago()), nov1);
}

TEST(TimeTest, DatesAndTimesOfDay) {
  EXPECT_EQ(format_date(parse_date("2027-03-14", "date").value()), "2027-03-14");
  EXPECT_FALSE(parse_date("2027-3-14", "date").has_value());
  EXPECT_FALSE(parse_date("2027-02-29", "date").has_value());
  EXPECT_EQ(parse_time_of_day("09:30", "t").value(), 570);
  EXPECT_EQ(parse_time_of_day("24:00", "t").value(), 1440);
  EXPECT_FALSE(parse_time_of_day("24:30", "t").has_value());
  EXPECT_FALSE(parse_time_of_day("9:30", "t").has_value());
  EXPECT_EQ(format_time_of_day(570), "09:30");
  EXPECT_EQ(find_zone("Mars/Olympus", "zone").error().field, "zone");
}

// The calendar of requests (time.h): instants and dates within 2000..2100,
// dates of birth from 1900-01-01 to today; each refusal names the field.
TEST(TimeTest, InstantsOutsideTheYears2000To2100AreRefused) {
  struct Case {
    const char* text;
    bool ok;
  };
  for (const auto& c : {Case{"0000-01-01T00:00:00Z", false}, Case{"1970-01-01T00:00:00Z", false},
                        Case{"1999-12-31T23:59:59Z", false}, Case{"2000-01-01T00:30:00+01:00", false},
                        Case{"2000-01-01T00:00:00Z", true}, Case{"2100-12-31T23:59:59Z", true},
                        Case{"2100-12-31T23:00:00-01:00", false}, Case{"2101-01-01T00:00:00Z", false},
                        Case{"9999-12-31T23:59:59Z", false}}) {
    auto r = parse_instant(c.text, "due");
    EXPECT_EQ(r.has_value(), c.ok) << c.text;
    if (!r) {
      EXPECT_EQ(r.error().field, "due") << c.text;
      EXPECT_EQ(r.error().reason, "date_out_of_range") << c.text;
    }
  }
}

TEST(TimeTest, RequestDatesOutsideTheYears2000To2100AreRefused) {
  struct Case {
    const char* text;
    bool ok;
  };
  for (const auto& c : {Case{"0000-01-01", false}, Case{"1999-12-31", false}, Case{"2000-01-01", true},
                        Case{"2026-11-27", true}, Case{"2100-12-31", true}, Case{"2101-01-01", false},
                        Case{"9999-12-31", false}}) {
    auto r = parse_clinic_date(c.text, "date");
    EXPECT_EQ(r.has_value(), c.ok) << c.text;
    if (!r) {
      EXPECT_EQ(r.error().field, "date") << c.text;
      EXPECT_EQ(r.error().reason, "date_out_of_range") << c.text;
    }
  }
  EXPECT_EQ(parse_clinic_date("2026-02-30", "date").error().reason, "");  // not a date at all
  EXPECT_TRUE(parse_date("0000-01-01", "date").has_value());              // the plain parser reads data files
}

TEST(TimeTest, DatesOfBirthRunFrom1900ToToday) {
  const date::year_month_day today = date::year{2026} / 11 / 27;
  struct Case {
    const char* text;
    bool ok;
  };
  for (const auto& c : {Case{"0000-01-01", false}, Case{"1899-12-31", false}, Case{"1900-01-01", true},
                        Case{"1984-05-06", true}, Case{"2026-11-27", true}, Case{"2026-11-28", false},
                        Case{"2100-01-01", false}}) {
    auto r = parse_birth_date(c.text, "date_of_birth", today);
    EXPECT_EQ(r.has_value(), c.ok) << c.text;
    if (!r) {
      EXPECT_EQ(r.error().field, "date_of_birth") << c.text;
      EXPECT_EQ(r.error().reason, "date_out_of_range") << c.text;
    }
  }
}

}  // namespace
}  // namespace kc::clinic
