#include "catalog/dose_policy.h"

#include <cmath>

#include "catalog/json_fields.h"

namespace kc::catalog {
namespace {

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

Result<void> read_unit(const Fields& f, std::string_view want) {
  auto unit = f.string("unit");
  if (!unit) return err(unit);
  if (*unit != want) return std::unexpected(f.error("unit", "must be " + std::string(want)));
  return {};
}

Result<std::string> read_source(const Fields& f) {
  auto source = f.string("source");
  if (!source) return err(source);
  if (source->empty()) return std::unexpected(f.error("source", "must say where the number comes from"));
  return *source;
}

Result<std::optional<double>> read_limit(const Fields& f, std::string_view key) {
  auto v = f.optional_number(key);
  if (!v) return err(v);
  if (*v && !(**v > 0 && std::isfinite(**v))) return std::unexpected(f.error(key, "must be more than 0"));
  return *v;
}

Result<pharm::DoseCap> read_cap(const Fields& caps, pharm::CapCode code) {
  auto f = caps.object(pharm::to_string(code));
  if (!f) return err(f);
  if (auto ok = f->only({"unit", "soft", "hard", "source"}); !ok) return err(ok);
  if (auto ok = read_unit(*f, pharm::unit_of(code)); !ok) return err(ok);
  pharm::DoseCap cap;
  KC_TRY(cap.soft, read_limit(*f, "soft"));
  KC_TRY(cap.hard, read_limit(*f, "hard"));
  if (cap.soft && cap.hard && *cap.hard < *cap.soft) return std::unexpected(f->error("hard", "must be at least soft"));
  KC_TRY(cap.source, read_source(*f));
  return cap;
}

Result<void> read_tci(const Fields& root, pharm::DosePolicy& p) {
  auto f = root.object("tci_max_rate");
  if (!f) return err(f);
  if (auto ok = f->only({"unit", "value", "source"}); !ok) return err(ok);
  if (auto ok = read_unit(*f, "mg/kg/h"); !ok) return err(ok);
  auto value = read_limit(*f, "value");
  if (!value) return err(value);
  if (!*value) return std::unexpected(f->error("value", "is required"));
  p.tci_max_rate_mg_per_kg_per_h = **value;
  KC_TRY(p.tci_max_rate_source, read_source(*f));
  return {};
}

}  // namespace

Result<pharm::DosePolicy> parse_dose_policy(const nlohmann::json& doc, const std::string& file_label) {
  Fields root(doc, file_label, "");
  if (!doc.is_object()) return std::unexpected(root.error("", "must be an object"));
  if (auto ok = root.only({"about", "drug", "caps", "tci_max_rate"}); !ok) return err(ok);
  pharm::DosePolicy p;
  KC_TRY(p.drug, root.string("drug"));
  auto caps = root.object("caps");
  if (!caps) return err(caps);
  if (auto ok = caps->only({"dose_mg_per_kg", "total_mg", "rate_mg_per_kg_per_h", "target_ng_ml"}); !ok) return err(ok);
  KC_TRY(p.dose_mg_per_kg, read_cap(*caps, pharm::CapCode::dose_mg_per_kg));
  KC_TRY(p.total_mg, read_cap(*caps, pharm::CapCode::total_mg));
  KC_TRY(p.rate_mg_per_kg_per_h, read_cap(*caps, pharm::CapCode::rate_mg_per_kg_per_h));
  KC_TRY(p.target_ng_ml, read_cap(*caps, pharm::CapCode::target_ng_ml));
  KC_CHECK(read_tci(root, p));
  return p;
}

Result<pharm::DosePolicy> load_dose_policy(const std::filesystem::path& data_dir) {
  const auto file = data_dir / "clinic" / "dose_policy.json";
  auto doc = read_json_file(file.string());
  if (!doc) return err(doc);
  return parse_dose_policy(*doc, file.string());
}

}  // namespace kc::catalog
