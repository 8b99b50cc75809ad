#pragma once
// A client that sends raw bytes to the in-process server, as the probes of
// connection_test.cpp need: from a chosen loopback source address (Linux
// routes all of 127.0.0.0/8 to lo, so 127.0.0.2, 127.0.0.3, ... are separate
// client addresses for the server), over plain TCP or TLS (no certificate
// check: the tests make a self-signed one).
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include <fmt/format.h>

namespace kc::http::testing {

using Clock = std::chrono::steady_clock;

class RawClient {
 public:
  // A client that never starts the TLS handshake is a plain one (Tls::off).
  enum class Tls { off, on };

  // Connects from `source` to 127.0.0.1:port; ok() false when that failed.
  RawClient(int port, const char* source = "127.0.0.1", Tls tls = Tls::off) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    const timeval limit{15, 0};  // a blocking connect, send or TLS handshake gives up (on a starved server)
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
    sockaddr_in from{}, to{};
    from.sin_family = to.sin_family = AF_INET;
    ::inet_pton(AF_INET, source, &from.sin_addr);
    ::inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    to.sin_port = htons(static_cast<std::uint16_t>(port));
    connected_ = ::bind(fd_, reinterpret_cast<sockaddr*>(&from), sizeof from) == 0 &&
                 ::connect(fd_, reinterpret_cast<sockaddr*>(&to), sizeof to) == 0;
    if (connected_ && tls == Tls::on) start_tls();
  }
  ~RawClient() {
    if (ssl_ != nullptr) SSL_free(ssl_);
    if (ctx_ != nullptr) SSL_CTX_free(ctx_);
    ::close(fd_);
  }
  RawClient(const RawClient&) = delete;
  RawClient& operator=(const RawClient&) = delete;

  bool ok() const { return connected_; }

  bool send(std::string_view bytes) {
    const auto end = Clock::now() + std::chrono::seconds(15);
    while (!bytes.empty()) {
      const auto n = ssl_ != nullptr ? SSL_write(ssl_, bytes.data(), static_cast<int>(bytes.size()))
                                     : ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (n > 0) {
        bytes.remove_prefix(static_cast<std::size_t>(n));
        continue;
      }
      if (!tls_wants_more(static_cast<int>(n), end)) return false;
    }
    return true;
  }

  // Waits up to `timeout` for bytes; appends them to `got`. False at the end
  // of the stream, on an error, or when nothing came in time (timed_out()).
  bool receive(std::string& got, std::chrono::milliseconds timeout) {
    timed_out_ = false;
    const auto end = Clock::now() + timeout;
    for (;;) {
      if (ssl_ == nullptr || SSL_pending(ssl_) == 0) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left(end).count())) <= 0 || Clock::now() >= end) {
          timed_out_ = true;
          return false;
        }
      }
      std::array<char, 16384> buf{};
      const auto n = ssl_ != nullptr ? SSL_read(ssl_, buf.data(), static_cast<int>(buf.size()))
                                     : ::recv(fd_, buf.data(), buf.size(), 0);
      if (n > 0) {
        got.append(buf.data(), static_cast<std::size_t>(n));
        return true;
      }
      // A TLS record without data (a session ticket): wait on.
      if (ssl_ == nullptr || SSL_get_error(ssl_, static_cast<int>(n)) != SSL_ERROR_WANT_READ) return false;
    }
  }

  // Everything until the server closes; `closed` false when `timeout` passed first.
  std::string read_to_end(std::chrono::milliseconds timeout, bool* closed = nullptr) {
    std::string got;
    const auto end = Clock::now() + timeout;
    while (Clock::now() < end && receive(got, left(end))) {
    }
    if (closed != nullptr) *closed = !timed_out_ && Clock::now() < end;
    return got;
  }

  // One response (head and a Content-Length body), or "" when none came in time.
  std::string read_response(std::chrono::milliseconds timeout) {
    const auto end = Clock::now() + timeout;
    while (!complete(buffer_) && Clock::now() < end && receive(buffer_, left(end))) {
    }
    if (!complete(buffer_)) return {};
    const auto size = response_size(buffer_);
    auto one = buffer_.substr(0, size);
    buffer_.erase(0, size);
    return one;
  }

  bool timed_out() const { return timed_out_; }

 private:
  static std::chrono::milliseconds left(Clock::time_point end) {
    return std::max(std::chrono::milliseconds(1),
                    std::chrono::duration_cast<std::chrono::milliseconds>(end - Clock::now()));
  }
  static std::size_t response_size(const std::string& s) {
    const auto head = s.find("\r\n\r\n");
    const auto at = s.find("Content-Length: ");
    const auto length = at == std::string::npos || at > head ? 0 : std::strtoul(s.c_str() + at + 16, nullptr, 10);
    return head + 4 + length;
  }
  static bool complete(const std::string& s) {
    return s.find("\r\n\r\n") != std::string::npos && s.size() >= response_size(s);
  }
  // After the handshake the socket is non-blocking, so that a read of a
  // record without data returns instead of blocking.
  void start_tls() {
    ctx_ = SSL_CTX_new(TLS_client_method());
    ssl_ = SSL_new(ctx_);
    SSL_set_fd(ssl_, fd_);
    connected_ = SSL_connect(ssl_) == 1;
    ::fcntl(fd_, F_SETFL, ::fcntl(fd_, F_GETFL) | O_NONBLOCK);
  }
  // Over TLS, a call that wants to be repeated once the socket is ready.
  bool tls_wants_more(int result, Clock::time_point end) {
    if (ssl_ == nullptr || Clock::now() >= end) return false;
    const int error = SSL_get_error(ssl_, result);
    if (error != SSL_ERROR_WANT_READ && error != SSL_ERROR_WANT_WRITE) return false;
    pollfd p{fd_, static_cast<short>(error == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT), 0};
    return ::poll(&p, 1, static_cast<int>(left(end).count())) > 0;
  }

  int fd_ = -1;
  bool connected_ = false, timed_out_ = false;
  SSL_CTX* ctx_ = nullptr;
  SSL* ssl_ = nullptr;
  std::string buffer_;  // received after the last response read_response returned
};

// The status of a response ("HTTP/1.1 408 ..." -> 408), 0 for none.
inline int status_of(const std::string& response) {
  return response.starts_with("HTTP/1.1 ") ? std::atoi(response.c_str() + 9) : 0;
}

inline std::string body_of(const std::string& response) {
  const auto head = response.find("\r\n\r\n");
  return head == std::string::npos ? std::string() : response.substr(head + 4);
}

// A self-signed certificate and key for 127.0.0.1 in the temp folder; the
// openssl command is needed (scripts/install-deps.sh test installs it).
inline bool make_test_certificate(const std::string& cert, const std::string& key) {
  const auto command = fmt::format(
      "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost "
      "-keyout {} -out {} 2>/dev/null",
      key, cert);
  return std::system(command.c_str()) == 0;
}

}  // namespace kc::http::testing
