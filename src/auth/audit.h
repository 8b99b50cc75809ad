#pragma once
// The audit trail: one entry per access to patient data (reads included,
// refusals included) and per account event (login, logout, tokens, users).
// Entries are hash-chained: each carries the SHA-256 of its canonical form,
// which includes the previous entry's hash, so editing an entry changes its
// hash and deleting one breaks the next entry's link. Ids are consecutive from
// 1, so a gap is a deletion too. What a chain cannot show by itself is the
// removal of the newest entries with every later hash recomputed: the store
// keeps its own counter for that, and `audit verify` prints the head hash so
// that it can be kept elsewhere and compared later (docs/security.md).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "clinic/model.h"

namespace kc::auth {

enum class Outcome { allowed, denied, failed };
std::string_view to_string(Outcome outcome);
std::optional<Outcome> parse_outcome(std::string_view text);
// allowed for 1xx-3xx, denied for 401, 403 and 429, failed otherwise.
Outcome outcome_for_status(int status);

struct AuditEntry {
  std::int64_t id = 0;  // assigned by the store, consecutive from 1
  clinic::Instant at;
  std::string actor_kind;   // anonymous, staff, patient, system
  std::string actor_id;     // account id ("" when anonymous), or e.g. "cli"
  std::string actor_roles;  // "prescriber+admin"
  std::string client;       // remote address, or "local" for the command line
  std::string action;       // read, create, update, delete, login, logout, ...
  std::string resource_kind, resource_id;
  std::optional<clinic::Id> patient_id;  // the patient whose data it is, when known
  std::string operation;                 // the route's operationId, or the command
  Outcome outcome = Outcome::allowed;
  int status = 0;  // HTTP status, or the command's exit code
  std::string prev_hash, hash;
};

// The hash before the first entry.
inline constexpr std::string_view kGenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

// The SHA-256 (hex) of the entry's fields and prev_hash, each length-prefixed
// so no two different entries share a canonical form.
std::string chain_hash(const AuditEntry& entry);

// Checks entries fed in id order; remembers the first break.
class ChainVerifier {
 public:
  // False once a break was found (later entries are not examined).
  bool add(const AuditEntry& entry);
  bool intact() const { return !broken_; }
  std::int64_t count() const { return count_; }
  std::int64_t last_id() const { return last_id_; }
  const std::string& head() const { return head_; }
  // Which entry broke the chain and how ("entry 7: hash does not match its content").
  const std::string& problem() const { return problem_; }

 private:
  bool broken_ = false;
  std::int64_t count_ = 0, last_id_ = 0;
  std::string head_{kGenesisHash};
  std::string problem_;
};

}  // namespace kc::auth
