#include "catalog/flag_policy.h"

#include "catalog/json_lists.h"

namespace kc::catalog {

Result<clinic::FlagPolicy> load_flag_policy(const std::filesystem::path& file) {
  auto doc = read_json_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  Fields root(*doc, file.string(), "");
  if (!doc->is_object()) return std::unexpected(root.error("", "must be a JSON object"));
  if (auto ok = root.only({"about", "escalate_after", "unrouted_location", "response_time", "source"}); !ok)
    return std::unexpected(ok.error());
  auto after = duration_min(root, "escalate_after");
  auto unrouted = root.string("unrouted_location"), response = root.string("response_time");
  auto source = root.string("source");
  if (auto e = first_error(after, unrouted, response, source)) return std::unexpected(*e);
  if (*after < 1 || *after > 24 * 60) return std::unexpected(root.error("escalate_after", "must be from 1min to 24h"));
  if (response->empty()) return std::unexpected(root.error("response_time", "must say what the clinic commits to"));
  if (source->empty()) return std::unexpected(root.error("source", "must say where the settings come from"));
  return clinic::FlagPolicy{std::chrono::minutes(*after), *unrouted, *response};
}

}  // namespace kc::catalog
