#include "http/auth_codec.h"

#include <date/date.h>

namespace kc::http {
namespace {

using nlohmann::json;

json location_codes(const clinic::Directory& d, const std::vector<clinic::Id>& ids) {
  auto list = json::array();
  for (auto id : ids)
    if (const auto* l = d.location(id)) list.push_back(l->code);
  return list;
}

json role_names(const std::vector<auth::Role>& roles) {
  auto list = json::array();
  for (auto r : roles) list.push_back(auth::to_string(r));
  return list;
}

json permission_names(auth::PermissionSet set) {
  auto list = json::array();
  for (auto p : set.list()) list.push_back(auth::to_string(p));
  return list;
}

json optional_time(const std::optional<clinic::Instant>& t) { return t ? json(format_utc(*t)) : json(nullptr); }

}  // namespace

std::string format_utc(clinic::Instant t) { return date::format("%FT%TZ", t); }

json account_json(const clinic::Directory& d, const auth::Account& a) {
  return {{"id", a.id},
          {"email", a.email},
          {"name", a.display_name},
          {"roles", role_names(a.roles)},
          {"locations", location_codes(d, a.location_ids)},
          {"patient_id", a.patient_id ? json(*a.patient_id) : json(nullptr)},
          {"staff_code", a.staff_code.empty() ? json(nullptr) : json(a.staff_code)},
          {"disabled", a.disabled},
          {"created_at", format_utc(a.created_at)}};
}

json session_json(const clinic::Directory& d, const auth::Principal& p, const std::string& csrf_token) {
  const bool patient = p.kind == auth::Principal::Kind::patient;
  return {{"account",
           {{"id", p.account_id},
            {"email", p.email},
            {"name", p.display_name},
            {"roles", role_names(p.roles)},
            {"locations", location_codes(d, p.location_ids)},
            {"patient_id", p.patient_id ? json(*p.patient_id) : json(nullptr)},
            {"staff_code", p.staff_code.empty() ? json(nullptr) : json(p.staff_code)}}},
          {"kind", patient ? "patient" : "staff"},
          {"via", p.via == auth::Principal::Via::token ? "token" : "session"},
          {"permissions", permission_names(p.permissions)},
          {"csrf_token", csrf_token.empty() ? json(nullptr) : json(csrf_token)}};
}

json token_json(const auth::TokenRecord& t) {
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"scope", permission_names(t.scope)},
          {"created_at", format_utc(t.created_at)},
          {"expires_at", optional_time(t.expires_at)},
          {"revoked_at", optional_time(t.revoked_at)},
          {"last_used_at", optional_time(t.last_used_at)}};
}

json audit_json(const auth::AuditEntry& e) {
  return {{"id", e.id},
          {"at", format_utc(e.at)},
          {"actor", {{"kind", e.actor_kind}, {"id", e.actor_id}, {"roles", e.actor_roles}}},
          {"client", e.client},
          {"action", e.action},
          {"resource", {{"kind", e.resource_kind}, {"id", e.resource_id}}},
          {"patient_id", e.patient_id ? json(*e.patient_id) : json(nullptr)},
          {"operation", e.operation},
          {"outcome", auth::to_string(e.outcome)},
          {"status", e.status},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash},
          {"hash_version", e.hash_version}};
}

}  // namespace kc::http
