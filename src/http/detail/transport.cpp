#include "http/detail/transport.h"

#include <fcntl.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <array>
#include <cerrno>

namespace kc::http::detail {
namespace {

bool wait_for(int fd, short events, Deadline by) {
  pollfd p{fd, events, 0};
  for (;;) {
    const int ready = ::poll(&p, 1, poll_ms(by));
    if (ready > 0) return true;
    if (ready == 0 || errno != EINTR) return false;
  }
}

bool would_block() { return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR; }

int clamp_int(std::size_t size) { return size > 1u << 30 ? 1 << 30 : static_cast<int>(size); }

}  // namespace

int poll_ms(Deadline by) {
  const auto left = std::chrono::ceil<std::chrono::milliseconds>(by - SteadyClock::now()).count();
  return left <= 0 ? 0 : static_cast<int>(std::min<long long>(left, 1 << 30));
}

Transport::Transport(int fd, ssl_ctx_st* tls) : fd_(fd), tls_(tls != nullptr) {
  ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
  if (tls == nullptr) return;
  ssl_ = SSL_new(tls);
  if (ssl_ != nullptr) SSL_set_fd(ssl_, fd_);
}

Transport::~Transport() {
  if (ssl_ != nullptr) {
    if (!shut_down_ && SSL_is_init_finished(ssl_)) SSL_shutdown(ssl_);  // close_notify; no wait for the peer's
    SSL_free(ssl_);
  }
  ::close(fd_);
}

bool Transport::handshake(Deadline by) {
  if (ssl_ == nullptr) return !tls_;  // plain; over TLS SSL_new failed: never fall back to plain text
  for (;;) {
    ERR_clear_error();
    const int done = SSL_accept(ssl_);
    if (done == 1) return true;
    if (!wait_for_tls(SSL_get_error(ssl_, done), by)) return false;
  }
}

bool Transport::wait_for_tls(int ssl_error, Deadline by) {
  bool ready = false;
  if (ssl_error == SSL_ERROR_WANT_READ) ready = wait_for(fd_, POLLIN, by);
  else if (ssl_error == SSL_ERROR_WANT_WRITE) ready = wait_for(fd_, POLLOUT, by);
  else return false;
  timed_out_ = !ready && SteadyClock::now() >= by;
  return ready;
}

ssize_t Transport::read_some(char* into, std::size_t size, Deadline by) {
  timed_out_ = false;
  for (;;) {
    if (ssl_ != nullptr) {
      ERR_clear_error();  // the queue is per thread; a stale entry would misreport this call
      const int n = SSL_read(ssl_, into, clamp_int(size));
      if (n > 0) return n;
      const int error = SSL_get_error(ssl_, n);
      if (error == SSL_ERROR_ZERO_RETURN) return 0;
      if (!wait_for_tls(error, by)) return -1;
      continue;
    }
    const ssize_t n = ::recv(fd_, into, size, 0);
    if (n >= 0) return n;
    if (!would_block()) return -1;
    if (!wait_for(fd_, POLLIN, by)) {
      timed_out_ = SteadyClock::now() >= by;
      return -1;
    }
  }
}

ssize_t Transport::write_some(const char* from, std::size_t size, Deadline by) {
  timed_out_ = false;
  for (;;) {
    if (ssl_ != nullptr) {
      // A retry after WANT_WRITE passes the same buffer and length, as OpenSSL requires.
      ERR_clear_error();
      const int n = SSL_write(ssl_, from, clamp_int(size));
      if (n > 0) return n;
      if (!wait_for_tls(SSL_get_error(ssl_, n), by)) return -1;
      continue;
    }
    const ssize_t n = ::send(fd_, from, size, MSG_NOSIGNAL);
    if (n >= 0) return n;
    if (!would_block()) return -1;
    if (!wait_for(fd_, POLLOUT, by)) {
      timed_out_ = SteadyClock::now() >= by;
      return -1;
    }
  }
}

bool Transport::pending() const { return ssl_ != nullptr && SSL_pending(ssl_) > 0; }

bool Transport::wait_readable(Deadline by) const { return pending() || wait_for(fd_, POLLIN, by); }

bool Transport::wait_writable(Deadline by) const { return wait_for(fd_, POLLOUT, by); }

void Transport::linger(Deadline by) {
  if (ssl_ != nullptr && SSL_is_init_finished(ssl_)) SSL_shutdown(ssl_);
  ::shutdown(fd_, SHUT_WR);
  shut_down_ = true;
  std::array<char, 4096> sink{};
  while (wait_for(fd_, POLLIN, by)) {
    const ssize_t n = ::recv(fd_, sink.data(), sink.size(), 0);
    if (n == 0 || (n < 0 && !would_block())) return;
  }
}

}  // namespace kc::http::detail
