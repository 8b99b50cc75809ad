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
#include "clinic/ports.h"
#include "http/router.h"

namespace kc::http {

class ScopeResolver {
 public:
  ScopeResolver(clinic::AppointmentReader& appointments, clinic::PatientStore& patients, auth::PatientScopes& scopes,
                const clinic::Directory& directory)
      : appointments_(appointments), patients_(patients), scopes_(scopes), directory_(directory) {}

  Result<auth::Scope> resolve(ScopeFrom from, const ApiRequest& request) const;

 private:
  Result<auth::Scope> appointment(const ApiRequest& request) const;
  Result<auth::Scope> patient(const ApiRequest& request) const;
  auth::Scope booking(const ApiRequest& request) const;
  std::optional<std::vector<clinic::Id>> location(std::string_view code) const;

  clinic::AppointmentReader& appointments_;
  clinic::PatientStore& patients_;
  auth::PatientScopes& scopes_;
  const clinic::Directory& directory_;
};

}  // namespace kc::http
