#include "http/detail/connection.h"

#include <algorithm>
#include <cstring>

#include "http/detail/framing.h"

namespace kc::http::detail {
namespace {

// How long a refused connection is drained before it is closed (Transport::linger).
constexpr auto kLinger = std::chrono::seconds(1);
// How often an idle keep-alive connection looks whether it should give way.
constexpr auto kIdleSlice = std::chrono::milliseconds(100);
constexpr std::size_t kChunk = 16 * 1024;
constexpr std::string_view kEndOfHead = "\r\n\r\n";

// cpp-httplib applies no body limit to a chunked request body (it would read
// gigabytes); every client of this API knows its body's length.
const Error kChunkedRefused{ErrorCode::invalid_argument, "Transfer-Encoding",
                            "Transfer-Encoding: chunked request bodies are not accepted; send Content-Length",
                            "length_required"};

// The flag of the connection this worker serves, for the error handler.
thread_local const bool* t_read_timed_out = nullptr;

struct CurrentConnection {
  explicit CurrentConnection(const bool* flag) { t_read_timed_out = flag; }
  ~CurrentConnection() { t_read_timed_out = nullptr; }
  CurrentConnection(const CurrentConnection&) = delete;
  CurrentConnection& operator=(const CurrentConnection&) = delete;
};

bool expects_body(std::string_view head) {
  return head.starts_with("POST ") || head.starts_with("PUT ") || head.starts_with("PATCH ");
}

}  // namespace

bool current_request_timed_out() { return t_read_timed_out != nullptr && *t_read_timed_out; }

Connection::Connection(int fd, ssl_ctx_st* tls, Endpoints endpoints, const ConnectionLimits& limits)
    : transport_(fd, tls), endpoints_(std::move(endpoints)), limits_(limits) {}

void Connection::serve(const ConnectionHooks& hooks) {
  const CurrentConnection current(&read_timed_out_);
  request_deadline_ = SteadyClock::now() + limits_.request;  // the handshake and the first request
  if (!transport_.handshake(request_deadline_)) return;
  for (std::size_t served = 0; served < limits_.max_requests; ++served) {
    if (!await_next(hooks, served)) return;
    if (!serve_one(hooks, served + 1 == limits_.max_requests)) return;
  }
}

bool Connection::await_next(const ConnectionHooks& hooks, std::size_t served) {
  if (served == 0) return !hooks.stopping() || buffered() > 0 || transport_.wait_readable(SteadyClock::now());
  const auto idle_end = SteadyClock::now() + limits_.keep_alive;
  while (buffered() == 0 && !transport_.wait_readable(std::min(idle_end, SteadyClock::now() + kIdleSlice)))
    if (SteadyClock::now() >= idle_end || hooks.stopping() || hooks.others_waiting()) return false;
  request_deadline_ = SteadyClock::now() + limits_.request;
  return true;
}

bool Connection::serve_one(const ConnectionHooks& hooks, bool last) {
  read_timed_out_ = false;
  switch (read_head(hooks)) {
    case Head::idle:
    case Head::closed: return false;
    case Head::timed_out: refuse(hooks, 408); return false;
    case Head::too_large: refuse(hooks, 431); return false;
    case Head::complete: break;
  }
  const auto framing = check_framing(std::string_view(buffer_).substr(start_, head_size_));
  if (!framing) {
    refuse(hooks, 400, framing.error());
    return false;
  }
  if (framing->body == BodyFraming::chunked) {
    refuse(hooks, 411, kChunkedRefused);
    return false;
  }
  if (framing->body == BodyFraming::none) add_missing_length();
  // Where this request ends in the stream. The library leaves a body unread
  // when it answers early or ignores it (a GET's); the next bytes are then no
  // request, and reading them as one is how requests are smuggled: close.
  const auto request_end = consumed_ + head_size_ + framing->content_length;
  const bool close = last || hooks.stopping();
  bool closed = false;
  const bool written = hooks.process(*this, close, closed);
  return written && !close && !closed && !read_timed_out_ && consumed_ == request_end;
}

// Reads until the buffer holds the whole header block, within the request's
// budget; a stopping server does not wait for the rest of a header block.
Connection::Head Connection::read_head(const ConnectionHooks& hooks) {
  std::size_t scanned = 0;
  for (;;) {
    if (skip_empty_lines()) scanned = 0;
    const std::string_view data(buffer_.data() + start_, buffered());
    if (const auto end = data.find(kEndOfHead, scanned); end != std::string_view::npos) {
      head_size_ = end + kEndOfHead.size();
      return head_size_ > limits_.max_header_bytes ? Head::too_large : Head::complete;
    }
    if (data.size() >= limits_.max_header_bytes) return Head::too_large;
    scanned = data.size() < kEndOfHead.size() ? 0 : data.size() - (kEndOfHead.size() - 1);
    if (!await_bytes(hooks)) return Head::closed;
    const auto n = fill();
    if (n > 0) continue;
    if (n == 0 || !read_timed_out_) return Head::closed;
    return buffered() == 0 ? Head::idle : Head::timed_out;
  }
}

// Waits in slices for the next bytes of a header block; false when the server
// stops meanwhile. At the deadline true: the read then reports the time-out.
bool Connection::await_bytes(const ConnectionHooks& hooks) const {
  while (!transport_.wait_readable(std::min(read_deadline(), SteadyClock::now() + kIdleSlice))) {
    if (SteadyClock::now() >= read_deadline()) return true;
    if (hooks.stopping()) return false;
  }
  return true;
}

// RFC 9112 §2.2: a server SHOULD ignore empty lines before a request line
// (some clients send CRLF after a body).
bool Connection::skip_empty_lines() {
  const auto before = start_;
  while (buffer_.compare(start_, 2, "\r\n") == 0) start_ += 2;
  return start_ != before;
}

// RFC 9112 §6.3: a request with neither header has no body; the library would
// read one until the client closes.
void Connection::add_missing_length() {
  if (!expects_body(std::string_view(buffer_).substr(start_, head_size_))) return;
  constexpr std::string_view kNoBody = "Content-Length: 0\r\n";
  buffer_.insert(start_ + head_size_ - 2, kNoBody);
  head_size_ += kNoBody.size();
}

void Connection::refuse(const ConnectionHooks& hooks, int status, std::optional<Error> error) {
  const std::string_view head(buffer_.data() + start_, buffered());
  const auto answer = hooks.refuse({status, std::move(error), head, endpoints_.remote_ip});
  for (std::size_t sent = 0; sent < answer.size();) {
    const auto n = write(answer.data() + sent, answer.size() - sent);
    if (n <= 0) return;
    sent += static_cast<std::size_t>(n);
  }
  transport_.linger(SteadyClock::now() + kLinger);
}

ssize_t Connection::fill() {
  if (start_ == buffer_.size() || start_ >= kChunk) {  // keep the buffer small
    buffer_.erase(0, start_);
    start_ = 0;
  }
  const auto old = buffer_.size();
  buffer_.resize(old + kChunk);
  const auto n = transport_.read_some(buffer_.data() + old, kChunk, read_deadline());
  buffer_.resize(old + (n > 0 ? static_cast<std::size_t>(n) : 0));
  if (n < 0 && transport_.timed_out()) read_timed_out_ = true;
  return n;
}

Deadline Connection::read_deadline() const { return std::min(request_deadline_, SteadyClock::now() + limits_.read); }

bool Connection::is_readable() const { return buffered() > 0 || transport_.wait_readable(read_deadline()); }

bool Connection::is_writable() const { return transport_.wait_writable(SteadyClock::now() + limits_.write); }

ssize_t Connection::read(char* ptr, size_t size) {
  if (buffered() == 0)
    if (const auto n = fill(); n <= 0) return n;
  const auto n = std::min(size, buffered());
  std::memcpy(ptr, buffer_.data() + start_, n);
  start_ += n;
  consumed_ += n;
  return static_cast<ssize_t>(n);
}

ssize_t Connection::write(const char* ptr, size_t size) {
  return transport_.write_some(ptr, size, SteadyClock::now() + limits_.write);
}

void Connection::get_remote_ip_and_port(std::string& ip, int& port) const {
  ip = endpoints_.remote_ip;
  port = endpoints_.remote_port;
}

void Connection::get_local_ip_and_port(std::string& ip, int& port) const {
  ip = endpoints_.local_ip;
  port = endpoints_.local_port;
}

}  // namespace kc::http::detail
