#include "http/access_log.h"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

namespace kc::http {

namespace {

// Client text (the path above all; the method and address too, though the
// HTTP library admits only known methods) as a JSON string with every
// character outside printable ASCII escaped: a line can then be neither split
// (CR, LF), nor coloured (ESC), nor shown reordered (bidi controls), and
// invalid UTF-8 becomes U+FFFD.
std::string quoted(std::string_view text) {
  return nlohmann::json(text).dump(-1, ' ', /*ensure_ascii=*/true, nlohmann::json::error_handler_t::replace);
}

}  // namespace

Result<std::unique_ptr<AccessLog>> AccessLog::open(std::string_view target) {
  if (target == "off") return std::unique_ptr<AccessLog>(new AccessLog(nullptr));
  try {
    std::shared_ptr<spdlog::logger> logger;
    if (target == "-")
      logger = std::make_shared<spdlog::logger>("access", std::make_shared<spdlog::sinks::stderr_sink_mt>());
    else
      logger = std::make_shared<spdlog::logger>(
          "access", std::make_shared<spdlog::sinks::basic_file_sink_mt>(std::string(target), false));
    logger->set_pattern("%v");  // the record is the whole line
    return std::unique_ptr<AccessLog>(new AccessLog(std::move(logger)));
  } catch (const spdlog::spdlog_ex& e) {
    return fail(ErrorCode::invalid_argument, "access-log", fmt::format("access-log: cannot open {}: {}", target, e.what()));
  }
}

AccessLog::AccessLog(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {
  if (logger_) flusher_ = std::jthread([this](std::stop_token stop) { flush_periodically(stop); });
}

void AccessLog::flush_periodically(std::stop_token stop) {
  std::unique_lock lock(mutex_);
  while (!stop.stop_requested()) {
    wake_.wait_for(lock, stop, std::chrono::seconds(1), [] { return false; });
    logger_->flush();
  }
}

AccessLog::~AccessLog() {
  flusher_ = {};  // stops and joins the flusher first
  flush();
}

void AccessLog::write(const AccessRecord& r) {
  if (!logger_) return;
  const auto now = std::chrono::system_clock::now();
  const auto seconds = std::chrono::floor<std::chrono::seconds>(now);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - seconds).count();
  logger_->info(R"({{"ts":"{:%FT%T}.{:03}Z","id":{},"method":{},"path":{},"status":{},"bytes":{},"us":{},"remote":{}}})",
                seconds, ms, r.id, quoted(r.method), quoted(r.path), r.status, r.bytes, r.took.count(), quoted(r.remote));
}

void AccessLog::flush() {
  if (logger_) logger_->flush();
}

}  // namespace kc::http
