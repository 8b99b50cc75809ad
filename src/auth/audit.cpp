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

// Formula 1 (untyped) and 2 (typed) share the order of the fields; only the
// form of each field differs (core/hash_chain.h). The link, prev_hash, is
// added last by link_hash.
CanonicalForm canonical_fields(const AuditEntry& e) {
  const bool untyped = e.hash_version == kUntypedHash;
  CanonicalForm form(untyped ? "kc-audit-v1;" : "kc-audit-v2;",
                     untyped ? CanonicalForm::Tags::untyped : CanonicalForm::Tags::typed);
  form.integer(e.id).integer(e.at.time_since_epoch().count());
  for (std::string_view v : {std::string_view(e.actor_kind), std::string_view(e.actor_id), std::string_view(e.actor_roles),
                             std::string_view(e.client), std::string_view(e.action), std::string_view(e.resource_kind),
                             std::string_view(e.resource_id)})
    form.text(v);
  form.optional_integer(e.patient_id).text(e.operation).text(to_string(e.outcome)).integer(e.status);
  return form;
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
  return link_hash(sha256_hex, canonical_fields(e), e.prev_hash);
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

ChainVerifier::ChainVerifier() : ChainVerifier(Anchor{0, std::string(kGenesisHash)}) {}

ChainVerifier::ChainVerifier(const Anchor& from) : chain_(sha256_hex, {from.id, from.hash}) {}

void ChainVerifier::expect(std::vector<Anchor> anchors) {
  std::stable_sort(anchors.begin(), anchors.end(), [](const Anchor& a, const Anchor& b) { return a.id < b.id; });
  anchors_ = std::move(anchors);
  next_anchor_ = 0;
  while (next_anchor_ < anchors_.size() && anchors_[next_anchor_].id <= last_id()) {
    if (anchors_[next_anchor_].id == last_id() && anchors_[next_anchor_].hash != head())
      fail(fmt::format("entry {}: its hash differs from the anchor {} (the chain was rewritten)", last_id(),
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
  if (auto gap = chain_.gap(e.id)) return describe(*gap);
  const auto expected = written_types(e);
  for (std::size_t i = 0; i < expected.size(); ++i)
    if (stored.types[i] != expected[i])
      return fmt::format("entry {}: {} is stored as {}, but is written as {} (the row was rewritten)", e.id,
                         kAuditColumns[i], to_string(stored.types[i]), to_string(expected[i]));
  if (e.hash_version != kUntypedHash && e.hash_version != kTypedHash)
    return fmt::format("entry {}: hash formula {} does not exist", e.id, e.hash_version);
  if (e.hash_version < last_version_)
    return fmt::format("entry {}: hashed by formula {} after entries of formula {}", e.id, e.hash_version, last_version_);
  if (auto broken = chain_.seal({e.id, e.prev_hash, e.hash, canonical_fields(e)})) return describe(*broken);
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
  last_version_ = stored.entry.hash_version;
  chain_.accept(stored.entry.id, stored.entry.hash);
  return true;
}

bool ChainVerifier::add(const AuditEntry& entry) { return add(StoredEntry{entry, written_types(entry)}); }

bool ChainVerifier::finish(const HighWater& high) {
  if (broken_) return false;
  if (!high.mark) return fail("the high-water mark (table audit_high_water) is gone: it was deleted");
  const auto highest = std::max(*high.mark, high.sequence);
  if (highest > last_id())
    return fail(fmt::format("entries {} to {} are missing (the newest entries were removed)", last_id() + 1, highest));
  if (*high.mark < last_id())
    return fail(fmt::format("the high-water mark {} is below the newest entry {} (it was lowered)", *high.mark, last_id()));
  if (next_anchor_ < anchors_.size())
    return fail(fmt::format("entry {} of the anchor {} is missing (the newest entries were removed)",
                            anchors_.back().id, to_string(anchors_.back())));
  return true;
}

}  // namespace kc::auth
