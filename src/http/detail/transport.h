#pragma once
// One accepted TCP connection, plain or TLS, as non-blocking byte I/O in which
// every wait ends at a deadline (poll(2)); nothing here blocks past the
// deadline it is given, the TLS handshake included.
//
// Owns the socket and, over TLS, the SSL object: the destructor frees both.
// One worker uses a Transport at a time (not thread-safe). Writes rely on
// SIGPIPE being ignored (cpp-httplib's Server constructor does so; plain sends
// also pass MSG_NOSIGNAL).
#include <chrono>
#include <cstddef>
#include <sys/types.h>

struct ssl_st;
struct ssl_ctx_st;

namespace kc::http::detail {

using SteadyClock = std::chrono::steady_clock;
using Deadline = SteadyClock::time_point;

// Milliseconds left until `by` for poll(2): 0 once it has passed.
int poll_ms(Deadline by);

class Transport {
 public:
  // Takes ownership of `fd` and makes it non-blocking. `tls` null: plain TCP;
  // else an SSL object is made from it (the server's context).
  Transport(int fd, ssl_ctx_st* tls);
  ~Transport();
  Transport(const Transport&) = delete;
  Transport& operator=(const Transport&) = delete;

  // TLS: the server side of the handshake, finished by `by`, else false.
  // Plain: true.
  bool handshake(Deadline by);
  // Bytes read (> 0), 0 at the end of the stream, -1 on an error or when `by`
  // passed first (then timed_out() is true).
  ssize_t read_some(char* into, std::size_t size, Deadline by);
  // Bytes written (> 0), or -1 on an error or at `by` (timed_out()).
  ssize_t write_some(const char* from, std::size_t size, Deadline by);
  // TLS has decrypted bytes waiting: reading needs no wait on the socket.
  bool pending() const;
  // Readable (or pending) before `by`; a hangup counts as readable (the read
  // then reports it).
  bool wait_readable(Deadline by) const;
  bool wait_writable(Deadline by) const;
  bool timed_out() const { return timed_out_; }
  // After an answer sent without reading the request's rest: sends FIN, then
  // reads and discards what the client still sends until it closes or `by`,
  // so that closing does not reset the connection (a TCP reset can destroy
  // the answer before the client has read it).
  void linger(Deadline by);
  int fd() const { return fd_; }

 private:
  // Waits for the direction OpenSSL asked for (SSL_ERROR_WANT_READ/WRITE).
  bool wait_for_tls(int ssl_error, Deadline by);

  int fd_;
  bool tls_;
  ssl_st* ssl_ = nullptr;
  bool timed_out_ = false;
  bool shut_down_ = false;  // linger() sent FIN (and close_notify)
};

}  // namespace kc::http::detail
