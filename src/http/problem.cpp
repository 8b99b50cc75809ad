#include "http/problem.h"

#include "http/codec.h"

#include <fmt/format.h>

namespace kc::http {

std::string_view status_title(int status) {
  switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 503: return "Service Unavailable";
    default: return status >= 500 ? "Internal Server Error" : "Error";
  }
}

namespace {

nlohmann::json field_errors(const std::vector<Error>& errors) {
  auto list = nlohmann::json::array();
  for (const auto& e : errors) {
    nlohmann::json item = {{"field", e.field}, {"message", e.message}};
    if (!e.reason.empty()) item["code"] = e.reason;  // e.g. password_too_short
    list.push_back(std::move(item));
  }
  return list;
}

ApiResponse render(int status, const std::string& code, std::string_view detail, nlohmann::json body) {
  body["type"] = "urn:ketaclinic:problem:" + code;
  body["title"] = status_title(status);
  body["status"] = status;
  body["detail"] = detail;
  body["code"] = code;
  return {status, "application/problem+json", to_body(body), {}};
}

}  // namespace

int status_for(const Error& error) {
  if (error.reason == "unsupported_media_type") return 415;
  if (error.reason == "method_not_allowed") return 405;
  if (error.reason == "length_required") return 411;
  switch (error.code) {
    case ErrorCode::invalid_argument: return 400;
    case ErrorCode::out_of_validity: return 422;
    case ErrorCode::not_found: return 404;
    case ErrorCode::conflict: return 409;
    case ErrorCode::precondition_failed: return 422;
    case ErrorCode::unauthorized: return 401;
    case ErrorCode::forbidden: return 403;
    case ErrorCode::too_large: return 413;
    case ErrorCode::rate_limited: return 429;
    case ErrorCode::unavailable: return 503;
    case ErrorCode::internal: return 500;
  }
  return 500;
}

std::string problem_code(const Error& error) {
  if (!error.reason.empty()) return error.reason;
  if (error.code == ErrorCode::invalid_argument) return "validation_failed";
  return std::string(to_string(error.code));
}

ApiResponse problem(const Error& error, const nlohmann::json& extra) {
  const int status = status_for(error);
  // Internal details (SQL, file paths) stay in the log, not in the response.
  const std::string detail = status >= 500 ? "the server could not complete the request" : error.message;
  nlohmann::json body = extra;
  if (error.code == ErrorCode::invalid_argument && !error.field.empty()) body["errors"] = field_errors({error});
  return render(status, problem_code(error), detail, std::move(body));
}

ApiResponse validation_problem(const std::vector<Error>& errors) {
  std::string fields;
  for (const auto& e : errors) fields += fmt::format("{}{}", fields.empty() ? "" : ", ", e.field);
  const auto detail = errors.size() == 1 ? errors.front().message
                                         : fmt::format("{} fields are invalid: {}", errors.size(), fields);
  return render(400, "validation_failed", detail, {{"errors", field_errors(errors)}});
}

ApiResponse problem_for_status(int status) {
  switch (status) {
    case 413: return render(413, "payload_too_large", "the request body is larger than the server accepts", {});
    case 414: return render(414, "uri_too_long", "the request URI is too long", {});
    case 404: return render(404, "no_route", "no such resource", {});
    case 408: return render(408, "request_timeout", "the request was not received in time", {});
    case 431: return render(431, "header_too_large", "the request's header block is larger than the server accepts", {});
    case 503:
      return render(503, "too_many_connections", "this client address has too many open connections; retry later", {});
    default:
      if (status >= 500) return render(status, "internal", "the server could not complete the request", {});
      return render(status, "bad_request", "the request could not be read", {});
  }
}

}  // namespace kc::http
