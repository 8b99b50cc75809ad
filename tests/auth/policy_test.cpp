// Session expiry and login throttling as functions of the clock.
#include <gtest/gtest.h>

#include "auth/policy.h"

namespace kc::auth {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const clinic::Instant t0{std::chrono::seconds(1'800'000'000)};

TEST(SessionPolicyTest, StaffIdleAfterThirtyMinutesPatientsAfterFifteen) {
  const SessionPolicy p;
  EXPECT_EQ(session_state(t0, t0, false, t0 + minutes(29) + seconds(59), p), SessionState::active);
  EXPECT_EQ(session_state(t0, t0, false, t0 + minutes(30), p), SessionState::idle_expired);
  EXPECT_EQ(session_state(t0, t0, true, t0 + minutes(14) + seconds(59), p), SessionState::active);
  EXPECT_EQ(session_state(t0, t0, true, t0 + minutes(15), p), SessionState::idle_expired);
}

TEST(SessionPolicyTest, ActiveSessionsStillEndAfterTwelveHours) {
  const SessionPolicy p;
  EXPECT_EQ(session_state(t0, t0 + hours(11) + minutes(59), false, t0 + hours(12) - seconds(1), p), SessionState::active);
  EXPECT_EQ(session_state(t0, t0 + hours(11) + minutes(59), false, t0 + hours(12), p), SessionState::absolute_expired);
}

TEST(SessionPolicyTest, LastSeenIsWrittenAtMostOnceAMinute) {
  const SessionPolicy p;
  EXPECT_FALSE(needs_touch(t0, t0 + seconds(59), p));
  EXPECT_TRUE(needs_touch(t0, t0 + seconds(60), p));
}

std::vector<clinic::Instant> failures(int n, clinic::Instant newest, seconds apart = seconds(10)) {
  std::vector<clinic::Instant> out;
  for (int i = 0; i < n; ++i) out.push_back(newest - apart * i);
  return out;
}

TEST(ThrottlePolicyTest, FiveAccountFailuresLockUntilTheOldestLeavesTheWindow) {
  const ThrottlePolicy p;
  const auto now = t0 + minutes(1);
  EXPECT_FALSE(throttled({failures(4, t0), {}}, now, p));
  const auto wait = throttled({failures(5, t0), {}}, now, p);
  ASSERT_TRUE(wait);
  // The fifth newest failure was at t0 - 40 s; it leaves the window at t0 + 15 min - 40 s.
  EXPECT_EQ(*wait, minutes(15) - seconds(40) - minutes(1));
  EXPECT_FALSE(throttled({failures(5, t0), {}}, t0 + minutes(15), p));
}

TEST(ThrottlePolicyTest, TwentyFailuresFromOneAddressLockTheAddress) {
  const ThrottlePolicy p;
  EXPECT_FALSE(throttled({{}, failures(19, t0)}, t0, p));
  EXPECT_TRUE(throttled({{}, failures(20, t0)}, t0, p));
  const auto both = throttled({failures(5, t0), failures(20, t0, seconds(30))}, t0, p);
  ASSERT_TRUE(both);
  EXPECT_EQ(*both, minutes(15) - seconds(4 * 10));  // the longer of the two waits (the account's)
}

}  // namespace
}  // namespace kc::auth
