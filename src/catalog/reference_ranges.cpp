#include "catalog/reference_ranges.h"

#include <cmath>
#include <regex>

#include "catalog/json_fields.h"

namespace kc::catalog {
namespace {

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

// The short label shown to users, "<First author> <year>": "Zanos 2018", "Hijazi 2003b"
// (the [@key] citation of docs/sources.md goes in `detail`).
bool is_source_key(const std::string& s) {
  static const std::regex key(R"(^[A-Z][A-Za-z'-]+( [A-Z][A-Za-z'-]+)* [12][0-9]{3}[a-z]?$)");
  return std::regex_match(s, key);
}

Result<pharm::RangeRole> read_role(const Fields& f) {
  auto role = f.string("role");
  if (!role) return err(role);
  if (*role == "display") return pharm::RangeRole::display;
  if (*role == "alert") return pharm::RangeRole::alert;
  return std::unexpected(f.error("role", "must be display or alert"));
}

Result<void> read_text(const Fields& f, pharm::ReferenceRange& r, const pharm::ModelCatalog& models) {
  for (auto [key, target] : {std::pair{"drug", &r.drug}, std::pair{"name", &r.name}, std::pair{"label", &r.label}}) {
    auto v = f.string(key);
    if (!v) return err(v);
    if (v->empty()) return std::unexpected(f.error(key, "must not be empty"));
    *target = *v;
  }
  if (!models.drugs.contains(r.drug)) return std::unexpected(f.error("drug", "'" + r.drug + "' is not in drugs.json"));
  return {};
}

Result<void> read_numbers(const Fields& parent, pharm::ReferenceRange& r) {
  auto f = parent.object("range");
  if (!f) return err(f);
  if (auto ok = f->only({"low", "high", "unit", "source", "evidence", "detail"}); !ok) return ok;
  auto low = f->number("low");
  if (!low) return err(low);
  auto high = f->number("high");
  if (!high) return err(high);
  if (!(*low >= 0) || !std::isfinite(*low)) return std::unexpected(f->error("low", "must be a concentration >= 0"));
  if (!(*high > *low) || !std::isfinite(*high)) return std::unexpected(f->error("high", "must be more than low"));
  auto unit = f->string("unit");
  if (!unit) return err(unit);
  if (*unit != "ng/mL") return std::unexpected(f->error("unit", "must be ng/mL"));
  r.low_ng_ml = *low;
  r.high_ng_ml = *high;
  for (auto [key, target] : {std::pair{"source", &r.source}, std::pair{"evidence", &r.evidence},
                             std::pair{"detail", &r.detail}}) {
    auto v = f->string(key);
    if (!v) return err(v);
    *target = *v;
  }
  if (!is_source_key(r.source))
    return std::unexpected(f->error("source", "must be an author-year label such as \"Zanos 2018\""));
  if (r.evidence.empty() || r.evidence.front() != '[' || r.evidence.back() != ']')
    return std::unexpected(f->error("evidence", "must be an evidence tag such as [V]"));
  return {};
}

Result<pharm::ReferenceRange> read_range(const Fields& f, const std::string& id, const pharm::ModelCatalog& models) {
  if (auto ok = f.only({"drug", "name", "label", "role", "range"}); !ok) return err(ok);
  pharm::ReferenceRange r;
  r.id = id;
  if (auto ok = read_text(f, r, models); !ok) return err(ok);
  auto role = read_role(f);
  if (!role) return err(role);
  r.role = *role;
  if (auto ok = read_numbers(f, r); !ok) return err(ok);
  return r;
}

}  // namespace

Result<pharm::ReferenceRanges> parse_reference_ranges(const nlohmann::json& doc, const std::string& file_label,
                                                      const pharm::ModelCatalog& models) {
  Fields root(doc, file_label, "");
  if (!doc.is_object()) return std::unexpected(root.error("", "must be an object"));
  if (auto ok = root.only({"ranges"}); !ok) return err(ok);
  auto ranges = root.object("ranges");
  if (!ranges) return err(ranges);
  pharm::ReferenceRanges out;
  for (const auto& [id, node] : ranges->node().items()) {
    auto r = read_range(ranges->child(node, id), id, models);
    if (!r) return err(r);
    out.ranges.push_back(std::move(*r));
  }
  return out;
}

Result<pharm::ReferenceRanges> load_reference_ranges(const std::filesystem::path& data_dir,
                                                     const pharm::ModelCatalog& models) {
  const auto file = data_dir / "reference_ranges.json";
  auto doc = read_json_file(file.string());
  if (!doc) return err(doc);
  return parse_reference_ranges(*doc, file.string(), models);
}

}  // namespace kc::catalog
