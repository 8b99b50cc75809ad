// The audit trail, for administrators: by patient, by user, by time range.
#include <fmt/format.h>

#include <algorithm>

#include "http/api.h"
#include "http/auth_codec.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using nlohmann::json;

constexpr int kDefaultLimit = 100, kMaxLimit = 1000;

std::optional<std::int64_t> number(const ApiRequest& r, std::string_view name, std::int64_t max,
                                   std::vector<Error>& errors) {
  auto text = r.query_param(name);
  if (!text) return std::nullopt;
  const bool digits = !text->empty() && text->size() <= 15 &&
                      std::all_of(text->begin(), text->end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  const auto value = digits ? std::stoll(std::string(*text)) : 0;
  if (value < 1 || value > max) {
    errors.push_back(
        {ErrorCode::invalid_argument, std::string(name), fmt::format("{}: must be a number from 1 to {}", name, max)});
    return std::nullopt;
  }
  return value;
}

// A date ("2026-11-27", midnight UTC) or an instant with offset.
std::optional<clinic::Instant> bound(const ApiRequest& r, std::string_view name, std::vector<Error>& errors) {
  auto text = r.query_param(name);
  if (!text) return std::nullopt;
  if (text->size() == 10) {
    auto day = clinic::parse_clinic_date(*text, name);
    if (day) return clinic::Instant{date::sys_days{*day}};
    errors.push_back(day.error());
    return std::nullopt;
  }
  auto t = clinic::parse_instant(*text, name);
  if (!t) errors.push_back(t.error());
  return t ? std::optional<clinic::Instant>{*t} : std::nullopt;
}

struct AuditRoutes {
  auth::AuthService& auth;
};

Answer query(const AuditRoutes& c, const ApiRequest& r) {
  std::vector<Error> errors;
  auth::AuditQuery q;
  constexpr std::int64_t kMaxId = 999'999'999'999'999;
  q.patient_id = number(r, "patient", kMaxId, errors);
  q.account_id = number(r, "user", kMaxId, errors);
  q.from = bound(r, "from", errors);
  q.to = bound(r, "to", errors);
  q.before_id = number(r, "before", kMaxId, errors);
  q.limit = static_cast<int>(number(r, "limit", kMaxLimit, errors).value_or(kDefaultLimit));
  if (!errors.empty()) return validation_problem(errors);
  KC_TRY(auto entries, c.auth.find_audit(q));
  auto list = json::array();
  for (const auto& e : entries) list.push_back(audit_json(e));
  const bool more = static_cast<int>(entries.size()) == q.limit;
  return json_response(200, {{"entries", list}, {"next_before", more ? json(entries.back().id) : json(nullptr)}});
}

}  // namespace

void add_audit_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<AuditRoutes> add(routes, {c.auth});
  add(Method::get, "/api/v1/audit", "queryAudit", needs(Permission::audit_read, "audit", scope::organisation), query);
}

}  // namespace kc::http
