#include "auth/policy.h"

#include <algorithm>

namespace kc::auth {
namespace {

// With `limit` or more failures (newest first), the wait until the limit-th
// newest leaves the window.
std::optional<std::chrono::seconds> wait_for(const std::vector<clinic::Instant>& newest_first, int limit,
                                             clinic::Instant now, std::chrono::seconds window) {
  if (limit <= 0 || static_cast<int>(newest_first.size()) < limit) return std::nullopt;
  const auto until = newest_first[static_cast<std::size_t>(limit - 1)] + window;
  if (until <= now) return std::nullopt;
  return std::chrono::duration_cast<std::chrono::seconds>(until - now);
}

}  // namespace

SessionState session_state(clinic::Instant created_at, clinic::Instant last_seen_at, bool patient,
                           clinic::Instant now, const SessionPolicy& policy) {
  if (now - created_at >= policy.absolute) return SessionState::absolute_expired;
  const auto idle = patient ? policy.patient_idle : policy.staff_idle;
  if (now - last_seen_at >= idle) return SessionState::idle_expired;
  return SessionState::active;
}

bool needs_touch(clinic::Instant last_seen_at, clinic::Instant now, const SessionPolicy& policy) {
  return now - last_seen_at >= policy.touch_every;
}

std::optional<std::chrono::seconds> throttled(const RecentFailures& failures, clinic::Instant now,
                                              const ThrottlePolicy& policy) {
  auto a = wait_for(failures.account, policy.account_failures, now, policy.window);
  auto c = wait_for(failures.client, policy.client_failures, now, policy.window);
  if (a && c) return std::max(*a, *c);
  return a ? a : c;
}

}  // namespace kc::auth
