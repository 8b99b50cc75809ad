#include "http/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>

#include <atomic>
#include <functional>

#include "core/text.h"
#include "http/access_log.h"
#include "http/credentials.h"
#include "http/problem.h"
#include "http/static_files.h"

namespace kc::http {
namespace {

// cpp-httplib listens with a backlog of 5; a burst of new connections (a load
// balancer, or wrk opening 32 at once) then waits for SYN retransmits. The
// socket is protected in the library's class, so a subclass widens the queue.
template <class Base>
class Listening final : public Base {
 public:
  using Base::Base;
  void widen_backlog() { ::listen(this->svr_sock_, SOMAXCONN); }
};

// The server for the options, and how to widen its backlog once bound.
using MadeServer = std::pair<std::unique_ptr<httplib::Server>, std::function<void()>>;

MadeServer make_server(const ServerOptions& o) {
  if (!o.tls()) {
    auto plain = std::make_unique<Listening<httplib::Server>>();
    auto* raw = plain.get();
    return {std::move(plain), [raw] { raw->widen_backlog(); }};
  }
  auto tls = std::make_unique<Listening<httplib::SSLServer>>(o.tls_cert.c_str(), o.tls_key.c_str());
  auto* raw = tls.get();
  return {std::move(tls), [raw] { raw->widen_backlog(); }};
}

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
  r.client = req.remote_addr;
  r.session_cookie = cookie_value(req.get_header_value("Cookie"), kSessionCookie);
  r.bearer_token = bearer_token(req.get_header_value("Authorization"));
  r.csrf_token = req.get_header_value("X-CSRF-Token");
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
  AuthLayer layer;
  ServerOptions options;
  std::unique_ptr<httplib::Server> owned;
  std::function<void()> widen_backlog;
  httplib::Server& server;

  Impl(AuthLayer l, ServerOptions o, MadeServer made)
      : layer(std::move(l)), options(std::move(o)), owned(std::move(made.first)),
        widen_backlog(std::move(made.second)), server(*owned) {}
  void configure();
  void configure_errors();
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
    write(layer.handle(request), res);
  };
  server.Get(".*", handle).Post(".*", handle).Patch(".*", handle).Put(".*", handle).Delete(".*", handle);
  // After every response is complete, the library's own errors included.
  server.set_post_routing_handler([tls = options.tls()](const httplib::Request& req, httplib::Response& res) {
    // A header the response set itself wins (the web app's HTML has its own policy).
    for (const auto& [name, value] : security_headers(req.path, tls))
      if (!res.has_header(std::string(name))) res.set_header(std::string(name), std::string(value));
  });
  configure_errors();
  if (options.access_log != nullptr)
    server.set_logger([log = options.access_log](const httplib::Request& req, const httplib::Response& res) {
      const auto took = std::chrono::steady_clock::now() - t_timing.start;
      log->write({t_timing.id, req.method, req.path, req.remote_addr, res.status, res.body.size(),
                  std::chrono::duration_cast<std::chrono::microseconds>(took)});
    });
}

void ApiServer::Impl::configure_errors() {
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
    } catch (const std::exception& e) {  // the path and the message may carry client text
      spdlog::error("unhandled exception in {} {}: {}", log_safe(req.method), log_safe(req.path), log_safe(e.what()));
    } catch (...) {
      spdlog::error("unhandled exception in {} {}", log_safe(req.method), log_safe(req.path));
    }
    const auto p = problem_for_status(500);
    res.status = 500;
    res.set_content(p.body, p.content_type);
  });
}

ApiServer::ApiServer(AuthLayer layer, ServerOptions options) {
  auto made = make_server(options);
  impl_ = std::make_unique<Impl>(std::move(layer), std::move(options), std::move(made));
  impl_->configure();
}

ApiServer::~ApiServer() { stop(); }

Result<int> ApiServer::bind() {
  const auto& o = impl_->options;
  if (!impl_->server.is_valid())
    return fail(ErrorCode::invalid_argument, "tls-cert",  // the files given are wrong: exit 2
                fmt::format("--tls-cert: cannot load the certificate {} with the key {}", o.tls_cert, o.tls_key));
  const int port = o.port == 0 ? impl_->server.bind_to_any_port(o.host) : (impl_->server.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port <= 0)
    return fail(ErrorCode::unavailable, "listen", fmt::format("listen: cannot listen on {}:{}", o.host, o.port));
  impl_->widen_backlog();
  return port;
}

void ApiServer::run() { impl_->server.listen_after_bind(); }
void ApiServer::stop() { impl_->server.stop(); }
bool ApiServer::running() const { return impl_->server.is_running(); }

}  // namespace kc::http
