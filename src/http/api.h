#pragma once
// The routes of /api/v1 and what they need. Each api_*.cpp adds its routes;
// api_routes() is the whole table (one place to read the API surface).
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "auth/service.h"
#include "clinic/booking_gates.h"
#include "clinic/flag_inbox.h"
#include "clinic/locator.h"
#include "clinic/patients.h"
#include "clinic/questionnaires.h"
#include "clinic/safety_flags.h"
#include "clinic/scheduler.h"
#include "clinic/screening.h"
#include "http/json_reader.h"
#include "http/router.h"

namespace kc::pharm {
struct ModelCatalog;
struct ReferenceRanges;
struct DosePolicy;
struct Benchmark;
}  // namespace kc::pharm

namespace kc::http {

struct ApiContext {
  clinic::Scheduler& scheduler;
  clinic::PatientService& patients;
  clinic::ClinicStore& store;
  const clinic::Gazetteer& gazetteer;
  auth::AuthService& auth;
  clinic::Questionnaires& questionnaires;
  clinic::SafetyFlags& flags;
  clinic::Screenings& screenings;
  const clinic::BookingGates& gates;  // what booking a treatment requires
  clinic::FlagInbox& inbox;           // open flags per location, with escalation
  std::string ics_domain = "ketaclinic.invalid";  // UID domain of .ics files
  bool tls = false;                                // session cookies are Secure
  // The PK model catalogue and the reference ranges, loaded once at start-up;
  // without the catalogue there are no /pharm routes, without ranges none is shown.
  const pharm::ModelCatalog* models = nullptr;
  const pharm::ReferenceRanges* ranges = nullptr;
  // The clinic's dose caps (without them no dose is capped) and the measured
  // benchmarks every prediction is compared with (without them none is shown).
  const pharm::DosePolicy* dose_policy = nullptr;
  const std::vector<pharm::Benchmark>* benchmarks = nullptr;
};

std::vector<Route> api_routes(ApiContext& context);

// The parts, one per file.
void add_system_routes(std::vector<Route>& routes, ApiContext& context);
void add_location_routes(std::vector<Route>& routes, ApiContext& context);
void add_appointment_routes(std::vector<Route>& routes, ApiContext& context);
void add_patient_routes(std::vector<Route>& routes, ApiContext& context);
void add_care_routes(std::vector<Route>& routes, ApiContext& context);
void add_questionnaire_routes(std::vector<Route>& routes, ApiContext& context);
void add_submission_routes(std::vector<Route>& routes, ApiContext& context);
void add_flag_routes(std::vector<Route>& routes, ApiContext& context);
void add_screening_routes(std::vector<Route>& routes, ApiContext& context);
void add_account_routes(std::vector<Route>& routes, ApiContext& context);
void add_token_routes(std::vector<Route>& routes, ApiContext& context);
void add_user_routes(std::vector<Route>& routes, ApiContext& context);
void add_audit_routes(std::vector<Route>& routes, ApiContext& context);
void add_pharm_routes(std::vector<Route>& routes, ApiContext& context);
void add_policy_routes(std::vector<Route>& routes, ApiContext& context);

// The embedded OpenAPI 3.1 document (src/http/openapi.json).
std::string_view openapi_document();

// A handler's answer: a response of any status, or an Error that becomes its
// problem+json (problem.h). Handlers forward errors with KC_TRY (core/error.h).
using Answer = Result<ApiResponse>;
ApiResponse answered(Answer answer);

// Adds a group's routes, each handler bound to the group's services: a small
// struct of the references that group uses, and nothing else of ApiContext.
//   RouteAdder<Care> add(routes, {c.patients, c.scheduler.directory()});
//   add(Method::get, "/api/v1/...", "listCareLocations", needs_or_owner(...), list);
template <class Services>
class RouteAdder {
 public:
  using Fn = Answer (*)(const Services&, const ApiRequest&);
  RouteAdder(std::vector<Route>& routes, Services services) : routes_(routes), services_(std::move(services)) {}
  void operator()(Method method, std::string path, std::string operation_id, Access access, Fn fn) {
    routes_.push_back({method, std::move(path), std::move(operation_id), access,
                       [services = services_, fn](const ApiRequest& r) { return answered(fn(services, r)); }});
  }

 private:
  std::vector<Route>& routes_;
  Services services_;
};

// Helpers shared by the handlers.
ApiResponse json_response(int status, const nlohmann::json& body);
// 415 unless the request declares a JSON body; then the parsed object.
Result<nlohmann::json> json_body(const ApiRequest& request);
// A path parameter that must be a positive integer id (field = its name).
Result<clinic::Id> id_param(const ApiRequest& request, std::string_view name);

// A request's JSON object body read field by field: `read_body` refuses a body
// that is not JSON (415/400) and records unknown members (JsonReader::only);
// reading collects every error until the handler asks `ok()`, and `problem()`
// is the 400 naming each field. Held by pointer: the reader refers to the
// document and the error list it owns.
class RequestBody {
 public:
  explicit RequestBody(nlohmann::json doc) : doc_(std::move(doc)) {}
  RequestBody(const RequestBody&) = delete;
  RequestBody& operator=(const RequestBody&) = delete;

  JsonReader& fields() { return reader_; }
  std::vector<Error>& errors() { return errors_; }
  bool ok() const { return errors_.empty(); }
  ApiResponse problem() const;

 private:
  nlohmann::json doc_;
  std::vector<Error> errors_;
  JsonReader reader_{doc_, "", errors_};
};
Result<std::unique_ptr<RequestBody>> read_body(const ApiRequest& request,
                                               std::initializer_list<std::string_view> allowed);
// Patient fields present in the body overwrite `p`; null clears an optional
// field. `need` is required for a new record, optional for a partial update.
// The caller lists the allowed keys (JsonReader::only).
void read_patient(JsonReader& body, clinic::Patient& p, Need need);
// A problem whose refusal came with a wait (429 Retry-After).
ApiResponse refusal_problem(const auth::LoginRefusal& refusal);

}  // namespace kc::http
