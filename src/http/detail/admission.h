#pragma once
// Open connections per client: the acceptor takes a slot for a new connection
// before it waits for a worker, the slot is given back when the connection is
// closed, and a client already holding `per_client` slots is refused.
//
// A client is its IPv4 address, or the /64 prefix of its IPv6 address (one
// host is usually given a whole /64, so counting single IPv6 addresses would
// not limit anyone); an IPv4-mapped IPv6 address counts as the IPv4 address.
// Thread-safe. The ClientSlots must outlive every Slot taken from it.
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <sys/socket.h>
#include <unordered_map>
#include <utility>

namespace kc::http::detail {

// The numeric address and port of a socket address ("127.0.0.1", "::1").
std::string address_text(const sockaddr_storage& address, int& port);
// What the per-client count is kept under (see above).
std::string client_key(const sockaddr_storage& address);

class ClientSlots {
 public:
  class Slot {
   public:
    Slot(ClientSlots* owner, std::string key) : owner_(owner), key_(std::move(key)) {}
    Slot(Slot&& other) noexcept : owner_(std::exchange(other.owner_, nullptr)), key_(std::move(other.key_)) {}
    Slot& operator=(Slot&&) = delete;
    ~Slot() {
      if (owner_ != nullptr) owner_->give_back(key_);
    }

   private:
    ClientSlots* owner_;
    std::string key_;
  };

  // 0: no limit.
  explicit ClientSlots(std::size_t per_client) : per_client_(per_client) {}
  // A slot, or nothing when `key` holds per_client slots already.
  std::optional<Slot> take(const std::string& key);
  std::size_t held(const std::string& key) const;

 private:
  void give_back(const std::string& key);

  std::size_t per_client_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::size_t> held_;
};

}  // namespace kc::http::detail
