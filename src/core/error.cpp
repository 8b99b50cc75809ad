#include "core/error.h"

namespace kc {

std::string_view to_string(ErrorCode code) {
  switch (code) {
    case ErrorCode::invalid_argument: return "invalid_argument";
    case ErrorCode::out_of_validity: return "out_of_validity";
    case ErrorCode::not_found: return "not_found";
    case ErrorCode::conflict: return "conflict";
    case ErrorCode::precondition_failed: return "precondition_failed";
    case ErrorCode::unauthorized: return "unauthorized";
    case ErrorCode::forbidden: return "forbidden";
    case ErrorCode::too_large: return "too_large";
    case ErrorCode::rate_limited: return "rate_limited";
    case ErrorCode::unavailable: return "unavailable";
    case ErrorCode::internal: return "internal";
  }
  return "internal";
}

Error nest(Error error, std::string_view prefix) {
  if (prefix.empty()) return error;
  std::string path(prefix);
  if (!error.field.empty()) {
    if (error.field.front() != '[') path += '.';
    path += error.field;
  }
  error.field = std::move(path);
  return error;
}

std::string_view detail_of(const Error& error) {
  std::string_view m = error.message;
  const std::string prefix = error.field + ": ";
  if (!error.field.empty() && m.substr(0, prefix.size()) == prefix) m.remove_prefix(prefix.size());
  return m;
}

}  // namespace kc
