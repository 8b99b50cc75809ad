#pragma once
// The HTTP server: cpp-httplib behind a pimpl (no other target sees it),
// handing every request to the auth layer (auth_layer.h), over TLS when a
// certificate and key are given. Settings that matter:
// - TCP_NODELAY on, or small responses wait ~40 ms for delayed ACKs;
// - a worker pool larger than the expected number of keep-alive connections
//   (cpp-httplib serves a connection on one worker for its whole life);
// - a request-body limit (413 problem+json) and read/write timeouts;
// - errors from the library itself (413, 400, 414) become problem+json too;
// - one structured access-log line per request (no query strings: they can
//   hold patient names; no headers, cookies or bodies);
// - security headers on every response, errors and 404s included
//   (credentials.h).
// stop() is thread-safe; run() returns once in-flight requests have finished.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>

#include "core/error.h"
#include "http/auth_layer.h"

namespace kc::http {

class AccessLog;
class StaticFiles;

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  int threads = 64;
  std::size_t max_body_bytes = 64 * 1024;
  std::chrono::seconds read_timeout{5}, write_timeout{5}, keep_alive_timeout{5};
  std::size_t keep_alive_max_requests = 100000;
  AccessLog* access_log = nullptr;  // not owned; may be null
  // PEM files; both set: HTTPS only (the session cookie is then Secure).
  std::string tls_cert = {}, tls_key = {};
  bool tls() const { return !tls_cert.empty(); }
  const StaticFiles* web = nullptr;  // not owned; may be null: the web app's files outside /api
};

class ApiServer {
 public:
  // The layer's tls() must agree with options.tls() (it marks cookies Secure).
  ApiServer(AuthLayer layer, ServerOptions options);
  ~ApiServer();
  ApiServer(const ApiServer&) = delete;
  ApiServer& operator=(const ApiServer&) = delete;

  // Binds the listening socket; returns the port (useful with port 0).
  // unavailable when the address is taken or invalid, or the certificate or
  // key cannot be loaded.
  Result<int> bind();
  // Serves until stop(); returns after in-flight requests are answered.
  void run();
  void stop();
  bool running() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kc::http
