#pragma once
// One client connection served on one worker: the keep-alive loop that
// replaces cpp-httplib's, over a Stream of our own.
//
// Why: the library's read timeout is per read (a client sending a header line
// every few seconds holds a worker forever), it makes a new stream for each
// request (a second request in the same TCP write is lost), and it reads a
// header block of any size. Here:
// - the TLS handshake and the whole first request must arrive within
//   `request` of the worker taking the connection; a later request within
//   `request` of its first byte, after at most `keep_alive` of idleness. The
//   budget covers the request line, the headers and the body; never the
//   handler, nor the response (each write waits at most `write` for the
//   client to take bytes). A single read also waits at most `read`.
// - the header block is read into the connection's buffer and checked first:
//   over `max_header_bytes` -> 431, framing that could smuggle a request
//   (detail/framing.h) -> 400, a chunked body -> 411 (the library would read
//   it past any body limit), budget spent with bytes received -> 408; each
//   answered at once as problem+json with `Connection: close`, then closed.
// - bytes after a request stay in the buffer and are the next request
//   (pipelining); a request without Content-Length or Transfer-Encoding has
//   no body (RFC 9112 §6.3), so the library is not left waiting for one; a
//   request whose body the library left unread (a GET's, or one answered
//   early) ends the connection, since what follows is no request.
// - an idle keep-alive connection gives its worker up when another
//   connection waits for one, or when the server stops; a stopping server
//   does not wait for a header block still arriving either (a request being
//   handled is finished).
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "http/detail/transport.h"

namespace kc::http::detail {

struct ConnectionLimits {
  std::chrono::milliseconds request{10'000}, read{5'000}, write{5'000}, keep_alive{5'000};
  std::size_t max_header_bytes = 32 * 1024;
  std::size_t max_requests = 100'000;
};

struct Endpoints {
  std::string remote_ip, local_ip;
  int remote_port = 0, local_port = 0;
};

// A request answered by the connection layer itself, without the library.
struct Refusal {
  int status = 0;               // 408, 431, 503 (detail/listener.h); with an error, status_for(error)
  std::optional<Error> error;   // 400, 411: the framing error, naming the header
  std::string_view head;        // what arrived of the request (its request line goes to the log)
  std::string_view remote;      // the client's address
};
// The complete HTTP response for a refusal; writes its access-log line.
using RefusalWriter = std::function<std::string(const Refusal&)>;

struct ConnectionHooks {
  // Server::process_request on the stream: false when the connection must end.
  std::function<bool(httplib::Stream&, bool close_connection, bool& connection_closed)> process;
  RefusalWriter refuse;
  std::function<bool()> stopping;        // the server stops: no new request
  std::function<bool()> others_waiting;  // connections wait for a worker
};

class Connection final : public httplib::Stream {
 public:
  Connection(int fd, ssl_ctx_st* tls, Endpoints endpoints, const ConnectionLimits& limits);

  // Serves requests until the client closes, a limit ends the connection or
  // the server stops; then closes.
  void serve(const ConnectionHooks& hooks);

  // httplib::Stream, for Server::process_request.
  bool is_readable() const override;
  bool is_writable() const override;
  ssize_t read(char* ptr, size_t size) override;
  ssize_t write(const char* ptr, size_t size) override;
  void get_remote_ip_and_port(std::string& ip, int& port) const override;
  void get_local_ip_and_port(std::string& ip, int& port) const override;
  socket_t socket() const override { return transport_.fd(); }

 private:
  enum class Head { complete, idle, closed, timed_out, too_large };

  bool await_next(const ConnectionHooks& hooks, std::size_t served);
  bool serve_one(const ConnectionHooks& hooks, bool last);
  void refuse(const ConnectionHooks& hooks, int status, std::optional<Error> error = std::nullopt);
  Head read_head(const ConnectionHooks& hooks);
  bool await_bytes(const ConnectionHooks& hooks) const;
  bool skip_empty_lines();
  void add_missing_length();
  ssize_t fill();
  Deadline read_deadline() const;
  std::size_t buffered() const { return buffer_.size() - start_; }

  Transport transport_;
  Endpoints endpoints_;
  const ConnectionLimits& limits_;
  std::string buffer_;      // received, not yet consumed from start_
  std::size_t start_ = 0;
  std::size_t head_size_ = 0;  // the current request's header block, from start_
  std::uint64_t consumed_ = 0;  // bytes the library has read on this connection
  Deadline request_deadline_{};
  bool read_timed_out_ = false;
};

// True while the worker's current request stopped reading at its deadline
// (the error handler then answers 408, not 400).
bool current_request_timed_out();

}  // namespace kc::http::detail
