#pragma once
// The accept loop and the worker pool, in place of cpp-httplib's listen loop
// (whose per-read timeouts and per-request streams detail/connection.h
// replaces; the library still parses, routes and writes each request).
//
// - Each accepted connection takes a per-client slot (detail/admission.h)
//   before it waits for a worker. A client over `per_client` open connections
//   is refused at once from the accept thread: over plain HTTP with a 503
//   problem+json and `Connection: close`; over TLS the connection is closed
//   without an answer, since answering would need a handshake that a slow
//   client could stall (the refusal is still logged).
// - A refused connection is drained for a moment before it is closed, so the
//   client reads the 503 rather than a reset.
// - stop() (thread-safe) shuts the listening socket; run() then lets every
//   connection finish its current request, closes idle ones, and returns.
#include <atomic>
#include <cstddef>
#include <functional>
#include <sys/socket.h>
#include <utility>
#include <vector>

#include "http/detail/admission.h"
#include "http/detail/connection.h"

namespace kc::http::detail {

class WorkerPool;

struct ListenerSettings {
  ConnectionLimits limits;
  std::size_t threads = 64;
  std::size_t per_client = 16;  // open connections per client; 0: no limit
  ssl_ctx_st* tls = nullptr;    // the server's TLS context (not owned); null: plain HTTP
};

class Listener {
 public:
  using Process = std::function<bool(httplib::Stream&, bool close_connection, bool& connection_closed)>;

  Listener(ListenerSettings settings, Process process, RefusalWriter refuse);
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Accepts on `fd` (bound and listening; not owned, made non-blocking) until
  // stop(); returns once the connections have finished.
  void run(int fd);
  void stop();
  bool running() const { return running_; }

 private:
  void accept_ready(int fd);
  void admit(int client, const sockaddr_storage& peer);
  void refuse_at_once(int client, const sockaddr_storage& peer);
  void serve(int client, const sockaddr_storage& peer);
  void sweep_lingering(bool all);

  ListenerSettings settings_;
  RefusalWriter refuse_;
  ConnectionHooks hooks_;
  ClientSlots slots_;
  WorkerPool* pool_ = nullptr;  // while run() runs
  std::vector<std::pair<int, Deadline>> lingering_;  // refused sockets being drained (accept thread only)
  std::atomic<int> fd_{-1};
  std::atomic<bool> stopping_{false}, running_{false};
};

}  // namespace kc::http::detail
