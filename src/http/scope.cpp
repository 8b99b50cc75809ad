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
    case ScopeFrom::assignment_path:
    case ScopeFrom::submission_path:
    case ScopeFrom::flag_path:
    case ScopeFrom::screening_path: {
      auto patient_id = owner_of_record(from, r);
      if (!patient_id) return std::unexpected(patient_id.error());
      return of_patient(*patient_id);
    }
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
  return of_patient(*id);
}

Result<auth::Scope> ScopeResolver::of_patient(clinic::Id patient_id) const {
  auto locations = scopes_.patient_location_ids(patient_id);
  if (!locations) return std::unexpected(locations.error());
  return auth::Scope{patient_id, std::move(*locations)};
}

namespace {

template <class T>
Result<clinic::Id> patient_id_of(const Result<T>& record) {
  if (!record) return std::unexpected(record.error());
  return record->patient_id;
}

}  // namespace

Result<clinic::Id> ScopeResolver::owner_of_record(ScopeFrom from, const ApiRequest& r) const {
  auto id = id_param(r, "id");
  if (!id) return std::unexpected(id.error());
  switch (from) {
    case ScopeFrom::assignment_path: return patient_id_of(measures_.assignment(*id));
    case ScopeFrom::submission_path: return patient_id_of(measures_.submission(*id));
    case ScopeFrom::flag_path: return patient_id_of(measures_.flag(*id));
    case ScopeFrom::screening_path: return patient_id_of(measures_.screening(*id));
    default: break;
  }
  return fail(ErrorCode::internal, "id", "id: not a record of measurement-based care");
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
