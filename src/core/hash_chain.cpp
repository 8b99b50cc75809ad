#include "core/hash_chain.h"

#include <fmt/format.h>

namespace kc {

CanonicalForm& CanonicalForm::integer(std::int64_t value) { return field('i', fmt::format("{}", value)); }

CanonicalForm& CanonicalForm::field(char tag, std::string_view value) {
  if (tags_ == Tags::typed) bytes_ += tag;
  bytes_ += fmt::format("{}:{};", value.size(), value);
  return *this;
}

std::string link_hash(const HashFunction& hash, const CanonicalForm& fields, std::string_view prev_hash) {
  CanonicalForm linked = fields;
  return hash(linked.text(prev_hash).bytes());
}

std::string describe(const ChainBreak& b) {
  switch (b.kind) {
    case ChainBreak::Kind::gap:
      return fmt::format("entry {} follows entry {}: {} entries are missing", b.id, b.after_id, b.id - b.after_id - 1);
    case ChainBreak::Kind::link:
      return fmt::format("entry {}: its link does not match the hash of entry {}", b.id, b.after_id);
    case ChainBreak::Kind::content:
      break;
  }
  return fmt::format("entry {}: its hash does not match its content (edited)", b.id);
}

std::optional<ChainBreak> HashChain::gap(std::int64_t id) const {
  if (id == head_.id + 1) return std::nullopt;
  return ChainBreak{ChainBreak::Kind::gap, id, head_.id};
}

std::optional<ChainBreak> HashChain::seal(const ChainEntry& e) const {
  if (e.prev_hash != head_.hash) return ChainBreak{ChainBreak::Kind::link, e.id, head_.id};
  if (link_hash(hash_, e.fields, e.prev_hash) != e.hash) return ChainBreak{ChainBreak::Kind::content, e.id, head_.id};
  return std::nullopt;
}

std::optional<ChainBreak> HashChain::check(const ChainEntry& e) const {
  if (auto broken = gap(e.id)) return broken;
  return seal(e);
}

void HashChain::accept(std::int64_t id, std::string_view hash) { head_ = {id, std::string(hash)}; }

bool HashChain::add(const ChainEntry& e) {
  if (broken_) return false;
  broken_ = check(e);
  if (broken_) return false;
  accept(e.id, e.hash);
  return true;
}

}  // namespace kc
