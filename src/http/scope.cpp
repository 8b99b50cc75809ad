#include "http/scope.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "http/api.h"
#include "http/json_reader.h"

namespace kc::http {
namespace {

bool contains(const std::vector<clinic::Id>& ids, clinic::Id id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

}  // namespace

Error no_record(std::string_view field) {
  return Error{ErrorCode::not_found, std::string(field),
               fmt::format("{}: no such record, or not one you may access", field), "no_record"};
}

Result<auth::Scope> ScopeResolver::resolve(const ScopeRule& rule, const ApiRequest& r) const {
  if (rule.resolve == nullptr)
    return fail(ErrorCode::internal, "scope", fmt::format("scope: the rule {} has no resolver", rule.name));
  return rule.resolve(*this, r);
}

// A record lookup's not_found becomes the answer a hidden record gets.
Error ScopeResolver::hidden(Error e) { return e.code == ErrorCode::not_found ? no_record() : std::move(e); }

Result<clinic::Id> ScopeResolver::record_id(const ApiRequest& r) { return id_param(r, "id"); }

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

namespace scope {
namespace {
using R = const ScopeResolver&;
using Q = const ApiRequest&;
// Names no located resource: the permission alone decides.
Result<auth::Scope> unbound(R, Q) { return auth::Scope{std::nullopt, {}, true}; }
}  // namespace

const ScopeRule organisation{"organisation", "", false, unbound};
const ScopeRule new_record{"new_record", "", false, unbound};
const ScopeRule listing{"listing", "", false, unbound};
const ScopeRule appointment_path{"appointment_path", "id", false, [](R s, Q r) { return s.appointment(r); }};
const ScopeRule patient_path{"patient_path", "id", false, [](R s, Q r) { return s.patient(r); }};
const ScopeRule booking_body{"booking_body", "patient_id", true, [](R s, Q r) { return s.booking(r); }};
const ScopeRule location_query{"location_query", "", false, [](R s, Q r) { return s.at_location(r); }};
const ScopeRule assignment_path{"assignment_path", "id", false,
                                [](R s, Q r) { return s.of_record(r, &clinic::MeasuresStore::assignment); }};
const ScopeRule submission_path{"submission_path", "id", false,
                                [](R s, Q r) { return s.of_record(r, &clinic::MeasuresStore::submission); }};
const ScopeRule flag_path{"flag_path", "id", false, [](R s, Q r) { return s.of_record(r, &clinic::MeasuresStore::flag); }};
const ScopeRule screening_path{"screening_path", "id", false,
                               [](R s, Q r) { return s.of_record(r, &clinic::MeasuresStore::screening); }};
}  // namespace scope

}  // namespace kc::http
