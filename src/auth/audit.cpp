#include "auth/audit.h"

#include <fmt/format.h>

#include "auth/secrets.h"

namespace kc::auth {
namespace {

constexpr std::string_view kOutcomes[] = {"allowed", "denied", "failed"};

void field(std::string& out, std::string_view value) { out += fmt::format("{}:{};", value.size(), value); }

}  // namespace

std::string_view to_string(Outcome outcome) { return kOutcomes[static_cast<int>(outcome)]; }

std::optional<Outcome> parse_outcome(std::string_view text) {
  for (int i = 0; i < 3; ++i)
    if (kOutcomes[i] == text) return static_cast<Outcome>(i);
  return std::nullopt;
}

Outcome outcome_for_status(int status) {
  if (status < 400) return Outcome::allowed;
  if (status == 401 || status == 403 || status == 429) return Outcome::denied;
  return Outcome::failed;
}

std::string chain_hash(const AuditEntry& e) {
  std::string canonical = "kc-audit-v1;";
  field(canonical, fmt::format("{}", e.id));
  field(canonical, fmt::format("{}", e.at.time_since_epoch().count()));
  for (std::string_view v : {std::string_view(e.actor_kind), std::string_view(e.actor_id), std::string_view(e.actor_roles),
                             std::string_view(e.client), std::string_view(e.action), std::string_view(e.resource_kind),
                             std::string_view(e.resource_id)})
    field(canonical, v);
  field(canonical, e.patient_id ? fmt::format("{}", *e.patient_id) : "");
  field(canonical, e.operation);
  field(canonical, to_string(e.outcome));
  field(canonical, fmt::format("{}", e.status));
  field(canonical, e.prev_hash);
  return sha256_hex(canonical);
}

bool ChainVerifier::add(const AuditEntry& e) {
  if (broken_) return false;
  std::string why;
  if (e.id != last_id_ + 1)
    why = fmt::format("entry {} follows entry {}: {} entries are missing", e.id, last_id_, e.id - last_id_ - 1);
  else if (e.prev_hash != head_)
    why = fmt::format("entry {}: its link does not match the hash of entry {}", e.id, last_id_);
  else if (chain_hash(e) != e.hash)
    why = fmt::format("entry {}: its hash does not match its content (edited)", e.id);
  if (!why.empty()) {
    broken_ = true;
    problem_ = std::move(why);
    return false;
  }
  ++count_;
  last_id_ = e.id;
  head_ = e.hash;
  return true;
}

}  // namespace kc::auth
