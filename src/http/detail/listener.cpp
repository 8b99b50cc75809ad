#include "http/detail/listener.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <thread>

#include "http/detail/worker_pool.h"

namespace kc::http::detail {
namespace {

constexpr auto kLinger = std::chrono::seconds(1);
constexpr std::size_t kMaxLingering = 1024;  // beyond: closed at once
constexpr int kPollMs = 100;                  // how soon the loop notices stop() and drains refused sockets

// Small responses must not wait ~40 ms for a delayed ACK (server.h).
void set_nodelay(int fd) {
  const int on = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on);
}

Endpoints endpoints_of(int fd, const sockaddr_storage& peer) {
  Endpoints e;
  e.remote_ip = address_text(peer, e.remote_port);
  sockaddr_storage local{};
  socklen_t size = sizeof local;
  if (::getsockname(fd, reinterpret_cast<sockaddr*>(&local), &size) == 0) e.local_ip = address_text(local, e.local_port);
  return e;
}

// Reads what a refused client sent; true once it closed (or failed).
bool drained(int fd) {
  std::array<char, 4096> sink{};
  for (;;) {
    const ssize_t n = ::recv(fd, sink.data(), sink.size(), MSG_DONTWAIT);
    if (n > 0) continue;
    return n == 0 || (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR);
  }
}

}  // namespace

Listener::Listener(ListenerSettings settings, Process process, RefusalWriter refuse)
    : settings_(settings), refuse_(std::move(refuse)), slots_(settings.per_client) {
  hooks_.process = std::move(process);
  hooks_.refuse = refuse_;
  hooks_.stopping = [this] { return stopping_.load(); };
  hooks_.others_waiting = [this] { return pool_ != nullptr && pool_->waiting() > 0; };
}

void Listener::run(int fd) {
  fd_ = fd;
  running_ = true;
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  {
    WorkerPool pool(settings_.threads);
    pool_ = &pool;
    while (!stopping_) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, kPollMs) > 0) accept_ready(fd);
      sweep_lingering(false);
    }
    pool.finish();
    pool_ = nullptr;
  }
  sweep_lingering(true);
  running_ = false;
}

void Listener::stop() {
  stopping_ = true;
  if (const int fd = fd_; fd >= 0) ::shutdown(fd, SHUT_RDWR);  // closed by its owner, after run()
}

void Listener::accept_ready(int fd) {
  for (;;) {
    sockaddr_storage peer{};
    socklen_t size = sizeof peer;
    const int client = ::accept4(fd, reinterpret_cast<sockaddr*>(&peer), &size, SOCK_CLOEXEC);
    if (client >= 0) {
      admit(client, peer);
      continue;
    }
    if (errno == EINTR || errno == ECONNABORTED) continue;
    // Out of descriptors: the pending connection stays queued; give closing ones a moment.
    if (errno == EMFILE || errno == ENFILE) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    return;  // EAGAIN: none left; EINVAL: stop() shut the socket
  }
}

void Listener::admit(int client, const sockaddr_storage& peer) {
  set_nodelay(client);
  auto slot = slots_.take(client_key(peer));
  if (!slot) {
    refuse_at_once(client, peer);
    return;
  }
  // The slot goes back when the job is destroyed, after the connection closed.
  pool_->submit([this, client, peer, held = std::move(*slot)] { serve(client, peer); });
}

void Listener::serve(int client, const sockaddr_storage& peer) {
  Connection connection(client, settings_.tls, endpoints_of(client, peer), settings_.limits);
  connection.serve(hooks_);
}

void Listener::refuse_at_once(int client, const sockaddr_storage& peer) {
  int port = 0;
  const auto remote = address_text(peer, port);
  const auto answer = refuse_({503, std::nullopt, {}, remote});  // also its log line
  if (settings_.tls == nullptr) ::send(client, answer.data(), answer.size(), MSG_DONTWAIT | MSG_NOSIGNAL);
  ::shutdown(client, SHUT_WR);
  if (lingering_.size() >= kMaxLingering) {
    ::close(lingering_.front().first);
    lingering_.erase(lingering_.begin());
  }
  lingering_.emplace_back(client, SteadyClock::now() + kLinger);
}

void Listener::sweep_lingering(bool all) {
  const auto now = SteadyClock::now();
  std::erase_if(lingering_, [&](const std::pair<int, Deadline>& l) {
    if (!all && now < l.second && !drained(l.first)) return false;
    ::close(l.first);
    return true;
  });
}

}  // namespace kc::http::detail
