#pragma once
// The routes of /api/v1 and what they need. Each api_*.cpp adds its routes;
// api_routes() is the whole table (one place to read the API surface).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "clinic/locator.h"
#include "clinic/patients.h"
#include "clinic/questionnaires.h"
#include "clinic/safety_flags.h"
#include "clinic/scheduler.h"
#include "clinic/screening.h"
#include "http/router.h"

namespace kc::http {

struct ApiContext {
  clinic::Scheduler& scheduler;
  clinic::PatientService& patients;
  clinic::ClinicStore& store;
  const clinic::Gazetteer& gazetteer;
  clinic::Questionnaires& questionnaires;
  clinic::SafetyFlags& flags;
  clinic::Screenings& screenings;
  std::string ics_domain = "ketaclinic.invalid";  // UID domain of .ics files
};

std::vector<Route> api_routes(ApiContext& context);

// The parts, one per file.
void add_system_routes(std::vector<Route>& routes, ApiContext& context);
void add_location_routes(std::vector<Route>& routes, ApiContext& context);
void add_appointment_routes(std::vector<Route>& routes, ApiContext& context);
void add_patient_routes(std::vector<Route>& routes, ApiContext& context);
void add_questionnaire_routes(std::vector<Route>& routes, ApiContext& context);
void add_submission_routes(std::vector<Route>& routes, ApiContext& context);
void add_flag_routes(std::vector<Route>& routes, ApiContext& context);
void add_screening_routes(std::vector<Route>& routes, ApiContext& context);

// The embedded OpenAPI 3.1 document (src/http/openapi.json).
std::string_view openapi_document();

// Helpers shared by the handlers.
ApiResponse json_response(int status, const nlohmann::json& body);
// 415 unless the request declares a JSON body; then the parsed object.
Result<nlohmann::json> json_body(const ApiRequest& request);
// A path parameter that must be a positive integer id (field = its name).
Result<clinic::Id> id_param(const ApiRequest& request, std::string_view name);

}  // namespace kc::http
