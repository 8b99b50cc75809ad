#pragma once
// The HTTP server: cpp-httplib behind a pimpl (no other target sees it),
// handing every request to the auth layer (auth_layer.h), over TLS when a
// certificate and key are given. Settings that matter:
// - TCP_NODELAY on, or small responses wait ~40 ms for delayed ACKs;
// - a worker pool larger than the expected number of keep-alive connections
//   (a connection is served on one worker at a time; an idle keep-alive one
//   gives its worker up when another connection waits);
// - a request-body limit (413 problem+json), a header-block limit (431), a
//   budget for reading a whole request (408) besides read/write timeouts, and
//   a cap on open connections per client address (503): detail/listener.h
//   and detail/connection.h, which replace cpp-httplib's accept and
//   keep-alive loops (the library still parses, routes and writes);
// - framing that could smuggle a request (two Content-Length values,
//   Content-Length with Transfer-Encoding...) refused with 400
//   (detail/framing.h);
// - errors from the library itself (413, 400, 414) become problem+json too;
// - one structured access-log line per request (no query strings: they can
//   hold patient names; no headers, cookies or bodies);
// - no compression by cpp-httplib: static files are sent as the build
//   precompressed them, API JSON only when compress_min_bytes asks for it
//   (compression.h);
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
  // One wait for bytes from / to the client; an idle keep-alive connection.
  std::chrono::seconds read_timeout{5}, write_timeout{5}, keep_alive_timeout{5};
  // A request's line, headers and body, in total, from its first byte (the
  // first request of a connection: from a worker taking it, the TLS
  // handshake included). Never the handler's time nor the response's.
  std::chrono::seconds request_timeout{10};
  std::size_t max_header_bytes = 32 * 1024;  // request line and headers
  // Open connections per client address (an IPv6 client: its /64); 0: no limit.
  std::size_t max_connections_per_client = 16;
  std::size_t keep_alive_max_requests = 100000;
  AccessLog* access_log = nullptr;  // not owned; may be null
  // PEM files; both set: HTTPS only (the session cookie is then Secure).
  std::string tls_cert = {}, tls_key = {};
  bool tls() const { return !tls_cert.empty(); }
  const StaticFiles* web = nullptr;  // not owned; may be null: the web app's files outside /api
  // API JSON bodies at least this long are compressed at a fast level for a
  // client that accepts it (compression.h); 0: never, the default (on loopback
  // it costs ~40 % of the throughput: docs/performance.md, "First load").
  std::size_t compress_min_bytes = 0;
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
