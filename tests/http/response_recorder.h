// Records the JSON answers of the API's routes for the OpenAPI check
// (validate_responses.mjs): with KC_RECORD_RESPONSES=DIR each test process
// appends one line per response to DIR/<pid>.jsonl — method, path template,
// operationId, status, content type and the body — so every body the HTTP
// tests provoke is validated against src/http/openapi.json, not only the
// ones a test inspects. Without the variable the routes are left as they are.
#pragma once

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "http/router.h"

namespace kc::http::testing {

class ResponseRecorder {
 public:
  // The recorder named by KC_RECORD_RESPONSES, or none.
  static std::shared_ptr<ResponseRecorder> from_environment() {
    const char* dir = std::getenv("KC_RECORD_RESPONSES");
    if (dir == nullptr || *dir == '\0') return nullptr;
    std::filesystem::create_directories(dir);
    return std::make_shared<ResponseRecorder>(std::string(dir) + "/" + std::to_string(::getpid()) + ".jsonl");
  }

  explicit ResponseRecorder(const std::string& file) : out_(file, std::ios::app) {}

  // Each route's handler, wrapped so that its JSON answers are written down.
  static void wrap(std::vector<Route>& routes, const std::shared_ptr<ResponseRecorder>& recorder) {
    if (!recorder) return;
    for (auto& route : routes)
      route.handler = [recorder, inner = std::move(route.handler), method = std::string(to_string(route.method)),
                       path = route.path, op = route.operation_id](const ApiRequest& request) {
        ApiResponse response = inner(request);
        recorder->record(method, path, op, response);
        return response;
      };
  }

 private:
  void record(const std::string& method, const std::string& path, const std::string& op, const ApiResponse& r) {
    if (r.content_type.find("json") == std::string::npos) return;  // .ics, text: not JSON bodies
    if (r.status == 204 && r.body.empty()) return;                  // no content, nothing to check
    auto body = nlohmann::json::parse(r.body, nullptr, false);
    nlohmann::json line{{"method", method}, {"path", path},          {"operation_id", op},
                        {"status", r.status}, {"content_type", r.content_type}};
    if (body.is_discarded())
      line["unparsable"] = r.body;  // the validator fails on it: a JSON type must carry JSON
    else
      line["body"] = std::move(body);
    const std::lock_guard lock(mutex_);
    out_ << line.dump() << '\n' << std::flush;
  }

  std::mutex mutex_;
  std::ofstream out_;
};

}  // namespace kc::http::testing
