#include "catalog/crisis_resources.h"

#include "catalog/detail/json_arrays.h"
#include "catalog/json_fields.h"

namespace kc::catalog {
namespace {

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

Result<measures::CrisisResource> read_resource(const Fields& f) {
  if (auto ok = f.only({"id", "name", "instructions", "url", "source"}); !ok) return err(ok);
  measures::CrisisResource r;
  for (auto [key, target] : {std::pair{"id", &r.id}, std::pair{"name", &r.name},
                             std::pair{"instructions", &r.instructions}, std::pair{"source", &r.source}}) {
    auto v = f.string(key);
    if (!v) return err(v);
    *target = *v;
  }
  auto url = f.optional_string("url");
  if (!url) return err(url);
  r.url = url->value_or("");
  return r;
}

}  // namespace

Result<measures::CrisisResources> parse_crisis_resources(const nlohmann::json& doc, const std::string& file_label) {
  Fields f(doc, file_label, "");
  if (auto ok = f.only({"version", "region", "message", "note", "resources"}); !ok) return err(ok);
  measures::CrisisResources out;
  for (auto [key, target] : {std::pair{"version", &out.version}, std::pair{"region", &out.region},
                             std::pair{"message", &out.message}}) {
    auto v = f.string(key);
    if (!v) return err(v);
    *target = *v;
  }
  if (auto note = f.string("note"); !note) return err(note);
  auto list = detail::objects(f, "resources");
  if (!list) return err(list);
  for (const Fields& r : *list) {
    auto resource = read_resource(r);
    if (!resource) return err(resource);
    out.resources.push_back(std::move(*resource));
  }
  return out;
}

Result<measures::CrisisResources> load_crisis_resources(const std::filesystem::path& data_dir) {
  const auto file = data_dir / "safety" / "crisis_resources.json";
  auto doc = read_json_file(file.string());
  if (!doc) return err(doc);
  return parse_crisis_resources(*doc, file.string());
}

}  // namespace kc::catalog
