#pragma once
// RFC 9457 problem details (application/problem+json). Every error response of
// the API is one: "type" (urn:ketaclinic:problem:<code>), "title", "status",
// "detail", the stable "code" clients branch on, and for validation errors
// "errors": [{"field", "message"}] naming each bad field by its path
// ("start", "series.count", "weight").
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.h"
#include "http/router.h"

namespace kc::http {

// The one place that maps errors to HTTP statuses.
int status_for(const Error& error);
// The stable problem code: error.reason, else derived from error.code.
std::string problem_code(const Error& error);

// A problem for one error; `extra` members (e.g. "alternatives") are merged in.
ApiResponse problem(const Error& error, const nlohmann::json& extra = nlohmann::json::object());
// A 400 validation problem listing every bad field.
ApiResponse validation_problem(const std::vector<Error>& errors);
// The problem for a bare status the HTTP library or the connection layer
// produced (413, 400, 404, 408, 431, 503...).
ApiResponse problem_for_status(int status);
// The reason phrase of a status ("Request Timeout"), "Error" when unknown.
std::string_view status_title(int status);

}  // namespace kc::http
