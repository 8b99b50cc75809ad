#include "http/scope.h"

#include <nlohmann/json.hpp>

#include "http/api.h"

namespace kc::http {

Result<auth::Scope> ScopeResolver::resolve(ScopeFrom from, const ApiRequest& r) const {
  switch (from) {
    case ScopeFrom::appointment_path: return appointment(r);
    case ScopeFrom::patient_path: return patient(r);
    case ScopeFrom::booking_body: return booking(r);
    case ScopeFrom::location_query: return auth::Scope{std::nullopt, location(r.query_param("location").value_or(""))};
    case ScopeFrom::nothing:
    case ScopeFrom::new_record:
    case ScopeFrom::listing: break;
  }
  return auth::Scope{};
}

Result<auth::Scope> ScopeResolver::appointment(const ApiRequest& r) const {
  auto id = id_param(r, "id");
  if (!id) return std::unexpected(id.error());
  auto a = appointments_.appointment(*id);
  if (!a) return std::unexpected(a.error());
  return auth::Scope{a->patient_id, std::vector<clinic::Id>{a->location_id}};
}

Result<auth::Scope> ScopeResolver::patient(const ApiRequest& r) const {
  auto id = id_param(r, "id");
  if (!id) return std::unexpected(id.error());
  if (auto p = patients_.patient(*id); !p) return std::unexpected(p.error());
  auto locations = scopes_.patient_location_ids(*id);
  if (!locations) return std::unexpected(locations.error());
  return auth::Scope{*id, std::move(*locations)};
}

// The booking handler requires both fields (400 when missing or mistyped) and
// refuses an unknown location (404), so an unreadable part stays unknown.
auth::Scope ScopeResolver::booking(const ApiRequest& r) const {
  auth::Scope scope;
  const auto doc = nlohmann::json::parse(r.body, nullptr, false);
  if (!doc.is_object()) return scope;
  if (auto p = doc.find("patient_id"); p != doc.end() && p->is_number_integer() && p->get<std::int64_t>() > 0)
    scope.patient_id = p->get<std::int64_t>();
  if (auto l = doc.find("location"); l != doc.end() && l->is_string()) scope.location_ids = location(l->get<std::string>());
  return scope;
}

std::optional<std::vector<clinic::Id>> ScopeResolver::location(std::string_view code) const {
  auto l = directory_.find_location(code, "location");
  if (!l) return std::nullopt;
  return std::vector<clinic::Id>{(*l)->id};
}

}  // namespace kc::http
