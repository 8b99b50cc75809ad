#include "http/scope.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "http/api.h"
#include "http/json_reader.h"

namespace kc::http {
namespace {

// A record lookup's not_found becomes the answer a hidden record gets.
Error hidden(Error e) { return e.code == ErrorCode::not_found ? no_record() : std::move(e); }

template <class T>
Result<clinic::Id> patient_id_of(const Result<T>& record) {
  if (!record) return std::unexpected(hidden(record.error()));
  return record->patient_id;
}

bool contains(const std::vector<clinic::Id>& ids, clinic::Id id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

Error no_record(std::string_view field) {
  return Error{ErrorCode::not_found, std::string(field),
               fmt::format("{}: no such record, or not one you may access", field), "no_record"};
}

Result<auth::Scope> ScopeResolver::resolve(ScopeFrom from, const ApiRequest& r) const {
  switch (from) {
    case ScopeFrom::appointment_path: return appointment(r);
    case ScopeFrom::patient_path: return patient(r);
    case ScopeFrom::booking_body: return booking(r);
    case ScopeFrom::location_query: return at_location(r);
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
    case ScopeFrom::listing: return auth::Scope{std::nullopt, {}, true};
  }
  return fail(ErrorCode::internal, "scope", "scope: a route's scope kind has no resolver");
}

Result<std::vector<clinic::Id>> ScopeResolver::care_of(clinic::Id patient_id) const {
  return scopes_.care_location_ids(patient_id);
}

Result<auth::Scope> ScopeResolver::appointment(const ApiRequest& r) const {
  auto id = id_param(r, "id");
  if (!id) return std::unexpected(id.error());
  auto a = appointments_.appointment(*id);
  if (!a) return std::unexpected(hidden(a.error()));
  auto care = care_of(a->patient_id);
  if (!care) return std::unexpected(care.error());
  if (contains(*care, a->location_id)) return auth::Scope{a->patient_id, {a->location_id}, false};
  return auth::Scope{a->patient_id, std::move(*care), false};
}

Result<auth::Scope> ScopeResolver::patient(const ApiRequest& r) const {
  auto id = id_param(r, "id");
  if (!id) return std::unexpected(id.error());
  if (auto p = patients_.patient(*id); !p) return std::unexpected(hidden(p.error()));
  return of_patient(*id);
}

Result<auth::Scope> ScopeResolver::of_patient(clinic::Id patient_id) const {
  auto care = care_of(patient_id);
  if (!care) return std::unexpected(care.error());
  const bool nowhere_yet = care->empty();
  return auth::Scope{patient_id, std::move(*care), nowhere_yet};
}

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

Result<auth::Scope> ScopeResolver::at_location(const ApiRequest& r) const {
  const auto code = r.query_param("location");
  if (!code || code->empty()) return fail(ErrorCode::invalid_argument, "location", "location: is required");
  auto l = directory_.find_location(*code, "location");
  if (!l) return std::unexpected(l.error());
  return auth::Scope{std::nullopt, {(*l)->id}, false};
}

// The body is read here, before the handler, with the same reader the handler
// uses; anything unreadable refuses the request.
Result<auth::Scope> ScopeResolver::booking(const ApiRequest& r) const {
  auto doc = parse_body(r.body);
  if (!doc) return std::unexpected(doc.error());
  std::vector<Error> errors;
  JsonReader body(*doc, "", errors);
  const auto patient_id = body.integer("patient_id", Need::required, 1, std::numeric_limits<std::int64_t>::max());
  const auto code = body.text("location", Need::required);
  if (!errors.empty()) return std::unexpected(errors.front());
  auto l = directory_.find_location(*code, "location");
  if (!l) return std::unexpected(l.error());
  if (auto p = patients_.patient(*patient_id); !p) return std::unexpected(no_record("patient_id"));
  auto care = care_of(*patient_id);
  if (!care) return std::unexpected(care.error());
  const clinic::Id at = (*l)->id;
  if (care->empty() || contains(*care, at)) return auth::Scope{*patient_id, {at}, false};
  return auth::Scope{*patient_id, {}, false};
}

}  // namespace kc::http
