#include "http/server.h"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <functional>
#include <memory>
#include <type_traits>

#include "core/text.h"
#include "http/access_log.h"
#include "http/compression.h"
#include "http/credentials.h"
#include "http/detail/framing.h"
#include "http/detail/listener.h"
#include "http/problem.h"
#include "http/static_files.h"

namespace kc::http {
namespace {

// cpp-httplib listens with a backlog of 5; a burst of new connections (a load
// balancer, or wrk opening 32 at once) then waits for SYN retransmits. The
// socket is protected in the library's class, so a subclass widens the queue.
// The subclass also reaches Server::process_request (protected): connections
// are accepted and read by detail/listener.h and detail/connection.h, and the
// library parses, routes and answers each request read.
template <class Base>
class Listening final : public Base {
 public:
  using Base::Base;
  ~Listening() override {
    if (this->svr_sock_ != INVALID_SOCKET) ::close(this->svr_sock_);
  }
  void widen_backlog() { ::listen(this->svr_sock_, SOMAXCONN); }
  int listening_socket() const { return this->svr_sock_; }
  bool process(httplib::Stream& stream, bool close_connection, bool& connection_closed) {
    return this->process_request(stream, close_connection, connection_closed, nullptr);
  }
};

// The server for the options, and what the listener needs of it.
struct MadeServer {
  std::unique_ptr<httplib::Server> server;
  std::function<void()> widen_backlog;
  std::function<int()> listening_socket;
  detail::Listener::Process process;
  SSL_CTX* tls = nullptr;
};

template <class Base, class... Args>
MadeServer make_listening(Args&&... args) {
  auto made = std::make_unique<Listening<Base>>(std::forward<Args>(args)...);
  auto* raw = made.get();
  MadeServer out{nullptr, [raw] { raw->widen_backlog(); }, [raw] { return raw->listening_socket(); },
                 [raw](httplib::Stream& s, bool close, bool& closed) { return raw->process(s, close, closed); }};
  if constexpr (std::is_same_v<Base, httplib::SSLServer>) out.tls = raw->ssl_context();
  out.server = std::move(made);
  return out;
}

MadeServer make_server(const ServerOptions& o) {
  if (!o.tls()) return make_listening<httplib::Server>();
  return make_listening<httplib::SSLServer>(o.tls_cert.c_str(), o.tls_key.c_str());
}

detail::ListenerSettings listener_settings(const ServerOptions& o, SSL_CTX* tls) {
  detail::ListenerSettings s;
  s.limits.request = o.request_timeout;
  s.limits.read = o.read_timeout;
  s.limits.write = o.write_timeout;
  s.limits.keep_alive = o.keep_alive_timeout;
  s.limits.max_header_bytes = o.max_header_bytes;
  s.limits.max_requests = o.keep_alive_max_requests;
  s.threads = static_cast<std::size_t>(o.threads);
  s.per_client = o.max_connections_per_client;
  s.tls = tls;
  return s;
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

// The request target's path as sent, before percent-decoding (static files
// refuse any escape, so the decoded and the raw path can never disagree).
std::string_view raw_path(std::string_view target) { return target.substr(0, target.find('?')); }

// cpp-httplib (Debian builds it with Brotli and zlib) compresses any text or
// JSON body it is given in Response::body, at Brotli's slowest quality: 2.5 s
// for the app's script. A body handed over as a sized content provider is sent
// as it is, so every body goes that way and the coding is decided here:
// static files come precompressed (static_files.h), API JSON through
// compress_response (compression.h). An empty body needs no provider.
void set_body(httplib::Response& res, std::string&& body, const std::string& content_type) {
  if (body.empty()) {
    res.set_header("Content-Type", content_type);
    return;
  }
  auto shared = std::make_shared<const std::string>(std::move(body));
  res.set_content_provider(shared->size(), content_type,
                           [shared](std::size_t offset, std::size_t length, httplib::DataSink& sink) {
                             return sink.write(shared->data() + offset, length);
                           });
}

void write(ApiResponse&& out, httplib::Response& res) {
  res.status = out.status;
  for (const auto& [name, value] : out.headers) res.set_header(name, value);
  res.set_header("X-Request-Id", std::to_string(t_timing.id));
  set_body(res, std::move(out.body), out.content_type);
}

// The body's size whether it is held in the response or by its provider.
std::size_t body_bytes(const httplib::Response& res) { return res.body.empty() ? res.content_length_ : res.body.size(); }

// A request the connection layer answers itself (408, 431, 400 and 411 framing, 503):
// problem+json, the security headers, a request id, an access-log line.
std::string refusal_response(const detail::Refusal& r, bool tls, AccessLog* log) {
  const auto p = r.error ? problem(*r.error) : problem_for_status(r.status);
  const auto id = g_next_id.fetch_add(1, std::memory_order_relaxed);
  std::string out = fmt::format("HTTP/1.1 {} {}\r\n", p.status, status_title(p.status));
  for (const auto& [name, value] : security_headers("/api/", tls)) out += fmt::format("{}: {}\r\n", name, value);
  if (p.status == 503) out += "Retry-After: 1\r\n";
  out += fmt::format("Content-Type: {}\r\nContent-Length: {}\r\nX-Request-Id: {}\r\nConnection: close\r\n\r\n",
                     p.content_type, p.body.size(), id);
  out += p.body;
  if (log != nullptr) {
    const auto [method, path] = detail::request_target(r.head);
    log->write({id, method, path, r.remote, p.status, p.body.size(), std::chrono::microseconds(0)});
  }
  return out;
}

}  // namespace

struct ApiServer::Impl {
  AuthLayer layer;
  ServerOptions options;
  MadeServer made;
  httplib::Server& server;
  detail::Listener listener;

  Impl(AuthLayer l, ServerOptions o, MadeServer m)
      : layer(std::move(l)), options(std::move(o)), made(std::move(m)), server(*made.server),
        listener(listener_settings(options, made.tls), made.process,
                 [tls = options.tls(), log = options.access_log](const detail::Refusal& r) {
                   return refusal_response(r, tls, log);
                 }) {}
  void configure();
  void configure_errors();
};

void ApiServer::Impl::configure() {
  server.set_tcp_nodelay(true);
  server.set_payload_max_length(options.max_body_bytes);
  // The library's loop and timeouts are not used (detail/listener.h); these
  // two still fill in its Keep-Alive response header.
  server.set_keep_alive_timeout(options.keep_alive_timeout.count());
  server.set_keep_alive_max_count(options.keep_alive_max_requests);
  server.set_pre_routing_handler([](const httplib::Request&, httplib::Response&) {
    t_timing = {std::chrono::steady_clock::now(), g_next_id.fetch_add(1, std::memory_order_relaxed)};
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto handle = [this](const httplib::Request& req, httplib::Response& res) {
    ApiRequest request = to_api(req);
    const auto accept_encoding = req.get_header_value("Accept-Encoding");
    if (options.web != nullptr) {
      const auto if_none_match = req.get_header_value("If-None-Match");
      if (auto file = options.web->serve({request.method, raw_path(req.target), if_none_match, accept_encoding})) {
        write(std::move(*file), res);
        return;
      }
    }
    auto answer = layer.handle(request);
    compress_response(answer, accept_encoding, options.compress_min_bytes);
    write(std::move(answer), res);
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
      log->write({t_timing.id, req.method, req.path, req.remote_addr, res.status, body_bytes(res),
                  std::chrono::duration_cast<std::chrono::microseconds>(took)});
    });
}

void ApiServer::Impl::configure_errors() {
  // Called for every status >= 400; fills in only what the library left empty.
  server.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request&, httplib::Response& res) {
    if (res.status == 400 && detail::current_request_timed_out()) {
      res.status = 408;  // the body did not arrive within the request's budget; the connection closes
      res.set_header("Connection", "close");
    }
    if (body_bytes(res) > 0) return httplib::Server::HandlerResponse::Unhandled;
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
  impl_->made.widen_backlog();
  return port;
}

void ApiServer::run() { impl_->listener.run(impl_->made.listening_socket()); }
void ApiServer::stop() { impl_->listener.stop(); }
bool ApiServer::running() const { return impl_->listener.running(); }

}  // namespace kc::http
