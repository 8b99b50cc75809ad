#include "http/detail/admission.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <array>
#include <cstring>

namespace kc::http::detail {
namespace {

std::string ntop(int family, const void* address) {
  std::array<char, INET6_ADDRSTRLEN> text{};
  if (::inet_ntop(family, address, text.data(), text.size()) == nullptr) return "?";
  return text.data();
}

}  // namespace

std::string address_text(const sockaddr_storage& address, int& port) {
  if (address.ss_family == AF_INET) {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(address);
    port = ntohs(v4.sin_port);
    return ntop(AF_INET, &v4.sin_addr);
  }
  if (address.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
    port = ntohs(v6.sin6_port);
    return ntop(AF_INET6, &v6.sin6_addr);
  }
  port = 0;
  return "?";
}

std::string client_key(const sockaddr_storage& address) {
  if (address.ss_family != AF_INET6) {
    int port = 0;
    return address_text(address, port);
  }
  const auto& v6 = reinterpret_cast<const sockaddr_in6&>(address);
  if (IN6_IS_ADDR_V4MAPPED(&v6.sin6_addr)) return ntop(AF_INET, v6.sin6_addr.s6_addr + 12);
  in6_addr prefix{};
  std::memcpy(prefix.s6_addr, v6.sin6_addr.s6_addr, 8);
  return ntop(AF_INET6, &prefix) + "/64";
}

std::optional<ClientSlots::Slot> ClientSlots::take(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto& held = held_[key];
  if (per_client_ != 0 && held >= per_client_) return std::nullopt;
  ++held;
  return Slot(this, key);
}

std::size_t ClientSlots::held(const std::string& key) const {
  std::lock_guard lock(mutex_);
  const auto it = held_.find(key);
  return it == held_.end() ? 0 : it->second;
}

void ClientSlots::give_back(const std::string& key) {
  std::lock_guard lock(mutex_);
  const auto it = held_.find(key);
  if (it != held_.end() && --it->second == 0) held_.erase(it);
}

}  // namespace kc::http::detail
