#include "auth/audit.h"

#include <fmt/format.h>

#include <algorithm>

#include "auth/secrets.h"
#include "core/contract.h"

namespace kc::auth {
namespace {

constexpr std::string_view kOutcomes[] = {"allowed", "denied", "failed"};
constexpr std::string_view kStoredTypes[] = {"null", "integer", "real", "text", "blob"};
constexpr std::size_t kPatientColumn = 9;

// Formula 1: each field's text, length-prefixed.
void field(std::string& out, std::string_view value) { out += fmt::format("{}:{};", value.size(), value); }

std::string untyped_canonical(const AuditEntry& e) {
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
  return canonical;
}

// Formula 2: each field with its type ('i' integer, 't' text, 'n' null), then
// length-prefixed, so that no integer and text (or null and "") share a form.
void typed(std::string& out, std::string_view value) { out += fmt::format("t{}:{};", value.size(), value); }
void typed(std::string& out, std::int64_t value) {
  const auto digits = fmt::format("{}", value);
  out += fmt::format("i{}:{};", digits.size(), digits);
}
void typed(std::string& out, const std::optional<std::int64_t>& value) {
  if (value)
    typed(out, *value);
  else
    out += "n0:;";
}

std::string typed_canonical(const AuditEntry& e) {
  std::string canonical = "kc-audit-v2;";
  typed(canonical, e.id);
  typed(canonical, std::int64_t{e.at.time_since_epoch().count()});
  for (std::string_view v : {std::string_view(e.actor_kind), std::string_view(e.actor_id), std::string_view(e.actor_roles),
                             std::string_view(e.client), std::string_view(e.action), std::string_view(e.resource_kind),
                             std::string_view(e.resource_id)})
    typed(canonical, v);
  typed(canonical, e.patient_id);
  typed(canonical, e.operation);
  typed(canonical, to_string(e.outcome));
  typed(canonical, std::int64_t{e.status});
  typed(canonical, e.prev_hash);
  return canonical;
}

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
  KC_EXPECT(e.hash_version == kUntypedHash || e.hash_version == kTypedHash, "the verifier checks a stored hash_version before hashing");
  return sha256_hex(e.hash_version == kUntypedHash ? untyped_canonical(e) : typed_canonical(e));
}

std::string_view to_string(StoredType type) { return kStoredTypes[static_cast<int>(type)]; }

ColumnTypes written_types(const AuditEntry& e) {
  ColumnTypes types;
  types.fill(StoredType::text);
  for (std::string_view integer : {"id", "at_s", "status", "hash_version"})
    types[std::find(kAuditColumns.begin(), kAuditColumns.end(), integer) - kAuditColumns.begin()] = StoredType::integer;
  types[kPatientColumn] = e.patient_id ? StoredType::integer : StoredType::null;
  return types;
}

ChainVerifier::ChainVerifier(const Anchor& from) : last_id_(from.id), head_(from.hash) {}

void ChainVerifier::expect(std::vector<Anchor> anchors) {
  std::stable_sort(anchors.begin(), anchors.end(), [](const Anchor& a, const Anchor& b) { return a.id < b.id; });
  anchors_ = std::move(anchors);
  next_anchor_ = 0;
  while (next_anchor_ < anchors_.size() && anchors_[next_anchor_].id <= last_id_) {
    if (anchors_[next_anchor_].id == last_id_ && anchors_[next_anchor_].hash != head_)
      fail(fmt::format("entry {}: its hash differs from the anchor {} (the chain was rewritten)", last_id_,
                       to_string(anchors_[next_anchor_])));
    ++next_anchor_;
  }
}

bool ChainVerifier::fail(std::string why) {
  if (!broken_) problem_ = std::move(why);
  broken_ = true;
  return false;
}

// The first thing wrong with `stored` as the next entry, or "".
std::string ChainVerifier::check(const StoredEntry& stored) const {
  const AuditEntry& e = stored.entry;
  if (e.id != last_id_ + 1)
    return fmt::format("entry {} follows entry {}: {} entries are missing", e.id, last_id_, e.id - last_id_ - 1);
  const auto expected = written_types(e);
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (stored.types[i] != expected[i])
      return fmt::format("entry {}: {} is stored as {}, but is written as {} (the row was rewritten)", e.id,
                         kAuditColumns[i], to_string(stored.types[i]), to_string(expected[i]));
  if (e.hash_version != kUntypedHash && e.hash_version != kTypedHash)
    return fmt::format("entry {}: hash formula {} does not exist", e.id, e.hash_version);
  if (e.hash_version < last_version_)
    return fmt::format("entry {}: hashed by formula {} after entries of formula {}", e.id, e.hash_version, last_version_);
  if (e.prev_hash != head_) return fmt::format("entry {}: its link does not match the hash of entry {}", e.id, last_id_);
  if (chain_hash(e) != e.hash) return fmt::format("entry {}: its hash does not match its content (edited)", e.id);
  return {};
}

std::string ChainVerifier::check_anchors(const AuditEntry& e) {
  for (; next_anchor_ < anchors_.size() && anchors_[next_anchor_].id == e.id; ++next_anchor_)
    if (anchors_[next_anchor_].hash != e.hash)
      return fmt::format("entry {}: its hash differs from the anchor {} (the chain was rewritten)", e.id,
                         to_string(anchors_[next_anchor_]));
  return {};
}

bool ChainVerifier::add(const StoredEntry& stored) {
  if (broken_) return false;
  if (auto why = check(stored); !why.empty()) return fail(std::move(why));
  if (auto why = check_anchors(stored.entry); !why.empty()) return fail(std::move(why));
  ++count_;
  last_id_ = stored.entry.id;
  last_version_ = stored.entry.hash_version;
  head_ = stored.entry.hash;
  return true;
}

bool ChainVerifier::add(const AuditEntry& entry) { return add(StoredEntry{entry, written_types(entry)}); }

bool ChainVerifier::finish(const HighWater& high) {
  if (broken_) return false;
  if (!high.mark) return fail("the high-water mark (table audit_high_water) is gone: it was deleted");
  const auto highest = std::max(*high.mark, high.sequence);
  if (highest > last_id_)
    return fail(fmt::format("entries {} to {} are missing (the newest entries were removed)", last_id_ + 1, highest));
  if (*high.mark < last_id_)
    return fail(fmt::format("the high-water mark {} is below the newest entry {} (it was lowered)", *high.mark, last_id_));
  if (next_anchor_ < anchors_.size())
    return fail(fmt::format("entry {} of the anchor {} is missing (the newest entries were removed)",
                            anchors_.back().id, to_string(anchors_.back())));
  return true;
}

}  // namespace kc::auth
