// The booking policy the clinic applies (data/clinic/booking_policy.json), so
// that a client can say in advance until when a visit can still be changed.
#include "http/api.h"

namespace kc::http {
namespace {

struct PolicyRoutes {
  const clinic::Scheduler& scheduler;
};

Answer policy(const PolicyRoutes& c, const ApiRequest&) {
  const auto& p = c.scheduler.policy();
  return json_response(200, {{"slot_step_minutes", p.slot_step_min},
                             {"min_notice_minutes", p.min_notice_min},
                             {"horizon_days", p.horizon_days},
                             {"cancel_notice_minutes", p.cancel_notice_min},
                             {"reschedule_notice_minutes", p.reschedule_notice_min},
                             {"max_query_days", p.max_query_days}});
}

}  // namespace

void add_policy_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<PolicyRoutes> add(routes, {c.scheduler});
  add(Method::get, "/api/v1/booking-policy", "getBookingPolicy", public_route(), policy);
}

}  // namespace kc::http
