#include "http/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <atomic>

#include "http/access_log.h"
#include "http/problem.h"
#include "http/static_files.h"

namespace kc::http {
namespace {

// cpp-httplib listens with a backlog of 5; a burst of new connections (a load
// balancer, or wrk opening 32 at once) then waits for SYN retransmits. The
// socket is protected in the library's class, so a subclass widens the queue.
class Server : public httplib::Server {
 public:
  void widen_backlog() { ::listen(svr_sock_, SOMAXCONN); }
};

// Per-worker request bookkeeping for the access log (a worker serves one
// request at a time).
struct Timing {
  std::chrono::steady_clock::time_point start;
  std::uint64_t id = 0;
};
thread_local Timing t_timing;
std::atomic<std::uint64_t> g_next_id{1};

ApiRequest to_api(const httplib::Request& req) {
  ApiRequest r;
  r.method = parse_method(req.method == "HEAD" ? "GET" : req.method).value_or(Method::get);
  r.path = req.path;
  r.query.assign(req.params.begin(), req.params.end());
  r.body = req.body;
  r.content_type = req.get_header_value("Content-Type");
  r.idempotency_key = req.get_header_value("Idempotency-Key");
  return r;
}

void write(ApiResponse&& out, httplib::Response& res) {
  res.status = out.status;
  for (const auto& [name, value] : out.headers) res.set_header(name, value);
  res.set_header("X-Request-Id", std::to_string(t_timing.id));
  res.set_header("Content-Type", out.content_type);
  res.body = std::move(out.body);  // what set_content does, without copying the body
}

}  // namespace

struct ApiServer::Impl {
  Router router;
  ServerOptions options;
  Server server;

  void configure();
};

void ApiServer::Impl::configure() {
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(options.max_body_bytes);
  server.set_read_timeout(options.read_timeout);
  server.set_write_timeout(options.write_timeout);
  server.set_keep_alive_timeout(options.keep_alive_timeout.count());
  server.set_keep_alive_max_count(options.keep_alive_max_requests);
  const auto threads = static_cast<std::size_t>(options.threads);
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_timing = {std::chrono::steady_clock::now(), g_next_id.fetch_add(1, std::memory_order_relaxed)};
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto handle = [this](const httplib::Request& req, httplib::Response& res) {
    ApiRequest request = to_api(req);
    if (options.web != nullptr)
      if (auto file = options.web->serve(request.method, request.path, req.get_header_value("If-None-Match"))) {
        write(std::move(*file), res);
        return;
      }
    write(router.dispatch(request), res);
  };
  server.Get(".*", handle).Post(".*", handle).Patch(".*", handle).Put(".*", handle).Delete(".*", handle);
  // Called for every status >= 400; fills in only what the library left empty.
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    const auto p = problem_for_status(res.status);
    res.set_content(p.body, p.content_type);
    return httplib::Server::HandlerResponse::Handled;
  }));
  server.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      spdlog::error("unhandled exception in {} {}: {}", req.method, req.path, e.what());
    } catch (...) {
      spdlog::error("unhandled exception in {} {}", req.method, req.path);
    }
    const auto p = problem_for_status(500);
    res.status = 500;
    res.set_content(p.body, p.content_type);
  });
  if (options.access_log != nullptr)
    server.set_logger([log = options.access_log](const httplib::Request& req, const httplib::Response& res) {
      const auto took = std::chrono::steady_clock::now() - t_timing.start;
      log->write({t_timing.id, req.method, req.path, req.remote_addr, res.status, res.body.size(),
                  std::chrono::duration_cast<std::chrono::microseconds>(took)});
    });
}

ApiServer::ApiServer(Router router, ServerOptions options)
    : impl_(new Impl{std::move(router), std::move(options), {}}) {
  impl_->configure();
}

ApiServer::~ApiServer() { stop(); }

Result<int> ApiServer::bind() {
  const auto& o = impl_->options;
  const int port = o.port == 0 ? impl_->server.bind_to_any_port(o.host) : (impl_->server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port <= 0)
    return fail(ErrorCode::unavailable, "listen", fmt::format("listen: cannot listen on {}:{}", o.host, o.port));
  impl_->server.widen_backlog();
  return port;
}

void ApiServer::run() { impl_->server.listen_after_bind(); }
void ApiServer::stop() { impl_->server.stop(); }
bool ApiServer::running() const { return impl_->server.is_running(); }

}  // namespace kc::http
