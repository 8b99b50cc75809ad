#pragma once
// The structured access log: one JSON object per line, e.g.
// {"ts":"2026-11-27T15:04:05.123Z","id":42,"method":"GET","path":"/api/v1/locations",
//  "status":200,"bytes":5120,"us":312,"remote":"127.0.0.1"}
// The query string is left out on purpose (patient searches carry names).
// Thread-safe; writes through spdlog. Lines are buffered and flushed once a
// second (and on destruction): a per-line write cost a sixth of the server's
// throughput; a crash can lose at most the last second of lines.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>

#include "core/error.h"

namespace spdlog {
class logger;
}

namespace kc::http {

struct AccessRecord {
  std::uint64_t id = 0;
  std::string_view method, path, remote;
  int status = 0;
  std::size_t bytes = 0;
  std::chrono::microseconds took{0};
};

class AccessLog {
 public:
  // target: "-" for stderr, "off" for nothing, else a file path (appended to).
  static Result<std::unique_ptr<AccessLog>> open(std::string_view target);
  ~AccessLog();
  void write(const AccessRecord& record);
  void flush();

 private:
  explicit AccessLog(std::shared_ptr<spdlog::logger> logger);
  void flush_periodically(std::stop_token stop);

  std::shared_ptr<spdlog::logger> logger_;  // null when off
  std::mutex mutex_;
  std::condition_variable_any wake_;
  std::jthread flusher_;
};

}  // namespace kc::http
