#pragma once
// Resolvers: what patient and which locations a request concerns, read from
// its path, query or body as its route declares (router.h, ScopeFrom).
//
// Path ids are strict: a malformed id is a 400 and an unknown one a 404,
// answered by the auth layer without calling the handler. Bodies and queries
// are lenient: a part that cannot be read is left unknown (auth::Scope), which
// is safe because each such part is a required field that the handler
// validates, refusing the request before it reads or writes anything.
#include "auth/access.h"
#include "auth/ports.h"
#include "clinic/directory.h"
#include "clinic/measures_ports.h"
#include "clinic/ports.h"
#include "http/router.h"

namespace kc::http {

class ScopeResolver {
 public:
  ScopeResolver(clinic::AppointmentReader& appointments, clinic::PatientStore& patients, auth::PatientScopes& scopes,
                clinic::MeasuresStore& measures, const clinic::Directory& directory)
      : appointments_(appointments), patients_(patients), scopes_(scopes), measures_(measures), directory_(directory) {}

  Result<auth::Scope> resolve(ScopeFrom from, const ApiRequest& request) const;

 private:
  Result<auth::Scope> appointment(const ApiRequest& request) const;
  Result<auth::Scope> patient(const ApiRequest& request) const;
  Result<auth::Scope> of_patient(clinic::Id patient_id) const;
  // The patient an assignment, submission, flag or screening {id} belongs to.
  Result<clinic::Id> owner_of_record(ScopeFrom from, const ApiRequest& request) const;
  auth::Scope booking(const ApiRequest& request) const;
  std::optional<std::vector<clinic::Id>> location(std::string_view code) const;

  clinic::AppointmentReader& appointments_;
  clinic::PatientStore& patients_;
  auth::PatientScopes& scopes_;
  clinic::MeasuresStore& measures_;
  const clinic::Directory& directory_;
};

}  // namespace kc::http
