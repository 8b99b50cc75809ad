#pragma once
// Resolvers: what patient and which locations a request concerns, read from
// its path, query or body as its route declares (router.h, ScopeRule; the
// rules and their resolvers are defined in scope.cpp).
//
// Strict everywhere, so that access fails closed: a malformed id, an unreadable
// body (not JSON, duplicate keys, patient_id not a positive whole number,
// location not a string) or a missing ?location= is a 400; an unknown location
// a 404 naming it; an unknown record the same 404 `no_record` that a record the
// caller may not see gets (no_record()), so that ids cannot be probed. The auth
// layer answers these without calling the handler.
//
// A patient's locations are where they are in care (clinic::CareLocation). An
// appointment is at its location while the patient is in care there, else with
// the patient's care locations (a stale appointment grants nothing). A booking
// is at its location when the patient is in care there or nowhere yet; else at
// no location (only the patient may book themselves elsewhere).
#include "auth/access.h"
#include "auth/ports.h"
#include "clinic/directory.h"
#include "clinic/measures_ports.h"
#include "clinic/ports.h"
#include "http/router.h"

namespace kc::http {

// The one answer for a record that does not exist and for one the caller may
// not see: 404, reason no_record, naming `field`.
Error no_record(std::string_view field = "id");

class ScopeResolver {
 public:
  ScopeResolver(clinic::AppointmentReader& appointments, clinic::PatientStore& patients, auth::PatientScopes& scopes,
                clinic::MeasuresStore& measures, const clinic::Directory& directory)
      : appointments_(appointments), patients_(patients), scopes_(scopes), measures_(measures), directory_(directory) {}

  // The rule's scope; an internal error for a rule without a resolver.
  Result<auth::Scope> resolve(const ScopeRule& rule, const ApiRequest& request) const;

  // The resolvers the rules of namespace `scope` are made of.
  Result<auth::Scope> appointment(const ApiRequest& request) const;
  Result<auth::Scope> patient(const ApiRequest& request) const;
  Result<auth::Scope> at_location(const ApiRequest& request) const;
  Result<auth::Scope> booking(const ApiRequest& request) const;
  // The patient a record of measurement-based care {id} belongs to, read by
  // `lookup` (MeasuresStore::assignment, ::submission, ::flag, ::screening).
  template <class Lookup>
  Result<auth::Scope> of_record(const ApiRequest& request, Lookup lookup) const {
    auto id = record_id(request);
    if (!id) return std::unexpected(id.error());
    auto record = (measures_.*lookup)(*id);
    if (!record) return std::unexpected(hidden(record.error()));
    return of_patient(record->patient_id);
  }

 private:
  static Result<clinic::Id> record_id(const ApiRequest& request);
  static Error hidden(Error e);
  Result<auth::Scope> of_patient(clinic::Id patient_id) const;
  Result<std::vector<clinic::Id>> care_of(clinic::Id patient_id) const;

  clinic::AppointmentReader& appointments_;
  clinic::PatientStore& patients_;
  auth::PatientScopes& scopes_;
  clinic::MeasuresStore& measures_;
  const clinic::Directory& directory_;
};

}  // namespace kc::http
