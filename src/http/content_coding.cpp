#include "http/content_coding.h"

#include <algorithm>
#include <optional>

namespace kc::http {
namespace {

constexpr int kFull = 1000;

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return (x | 0x20) == (y | 0x20);  // coding names are letters, digits, "-", "*"
         });
}

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), in thousandths.
std::optional<int> parse_qvalue(std::string_view q) {
  if (q.empty() || (q[0] != '0' && q[0] != '1')) return std::nullopt;
  int value = (q[0] - '0') * kFull;
  if (q.size() == 1) return value;
  if (q[1] != '.' || q.size() > 5) return std::nullopt;
  int scale = 100;
  for (char c : q.substr(2)) {
    if (c < '0' || c > '9') return std::nullopt;
    value += (c - '0') * scale;
    scale /= 10;
  }
  return value <= kFull ? std::optional<int>(value) : std::nullopt;
}

// One list element "coding *( ; param )": its name and weight; nullopt when unreadable.
struct Entry {
  std::string_view name;
  int weight = kFull;
};

std::optional<Entry> parse_entry(std::string_view element) {
  const auto semicolon = element.find(';');
  Entry entry{trim(element.substr(0, semicolon)), kFull};
  if (entry.name.empty()) return std::nullopt;
  std::string_view params = semicolon == std::string_view::npos ? "" : element.substr(semicolon + 1);
  while (!params.empty()) {
    const auto next = params.find(';');
    const auto param = trim(params.substr(0, next));
    params = next == std::string_view::npos ? "" : params.substr(next + 1);
    if (param.size() < 2 || (param[0] | 0x20) != 'q' || trim(param.substr(1)).front() != '=') continue;
    const auto q = parse_qvalue(trim(trim(param.substr(1)).substr(1)));
    if (!q) return std::nullopt;
    entry.weight = *q;
  }
  return entry;
}

bool names(std::string_view name, Coding coding) {
  switch (coding) {
    case Coding::identity: return iequals(name, "identity");
    case Coding::gzip: return iequals(name, "gzip") || iequals(name, "x-gzip");
    case Coding::br: return iequals(name, "br");
  }
  return false;
}

// The weight the header gives `coding` by name or through "*"; nullopt when neither.
std::optional<int> listed_weight(std::string_view header, Coding coding) {
  std::optional<int> named, star;
  while (!header.empty()) {
    const auto comma = header.find(',');
    const auto entry = parse_entry(header.substr(0, comma));
    header = comma == std::string_view::npos ? "" : header.substr(comma + 1);
    if (!entry) continue;
    if (names(entry->name, coding)) named = std::max(named.value_or(0), entry->weight);
    if (entry->name == "*") star = entry->weight;
  }
  return named ? named : star;
}

}  // namespace

std::string_view coding_name(Coding coding) {
  switch (coding) {
    case Coding::identity: return "";
    case Coding::gzip: return "gzip";
    case Coding::br: return "br";
  }
  return "";
}

std::string_view coding_suffix(Coding coding) {
  switch (coding) {
    case Coding::identity: return "";
    case Coding::gzip: return ".gz";
    case Coding::br: return ".br";
  }
  return "";
}

int accepted_weight(std::string_view header, Coding coding) {
  return listed_weight(header, coding).value_or(coding == Coding::identity ? kFull : 0);
}

Coding choose_coding(std::string_view header, Available available) {
  if (trim(header).empty()) return Coding::identity;
  Coding best = Coding::identity;
  // Identity the header does not list is acceptable, but below any coding it lists.
  int best_weight = listed_weight(header, Coding::identity).value_or(1);
  // Visited in order of preference, so an equal weight does not displace br or gzip.
  for (const auto& [coding, present] : {std::pair{Coding::br, available.br}, std::pair{Coding::gzip, available.gzip}}) {
    const int weight = present ? accepted_weight(header, coding) : 0;
    if (weight > 0 && (weight > best_weight || (weight == best_weight && best == Coding::identity))) {
      best = coding;
      best_weight = weight;
    }
  }
  return best;
}

}  // namespace kc::http
