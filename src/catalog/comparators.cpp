#include "catalog/comparators.h"

#include "catalog/json_fields.h"
#include "core/units.h"

namespace kc::catalog {
namespace {

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

Result<Measure> parse_measure(const Fields& f) {
  auto m = f.string("measure");
  if (!m) return err(m);
  for (auto [name, value] : {std::pair{"cp_at", Measure::cp_at}, std::pair{"auc_inf", Measure::auc_inf},
                             std::pair{"css", Measure::css}, std::pair{"tmax", Measure::tmax},
                             std::pair{"clearance", Measure::clearance}})
    if (*m == name) return value;
  return std::unexpected(f.error("measure", "must be cp_at, auc_inf, css, tmax or clearance"));
}

Result<void> read_regimen(const Fields& f, Comparator& c) {
  auto bolus = f.optional_string("bolus");
  if (!bolus) return err(bolus);
  c.bolus = *bolus;
  auto dose = f.optional_string("dose");
  if (!dose) return err(dose);
  c.extravascular = *dose;
  auto inf = f.optional_object("infusion");
  if (!inf) return err(inf);
  if (!*inf) return {};
  if (auto ok = (*inf)->only({"dose", "rate", "over"}); !ok) return ok;
  for (auto [key, target] : {std::pair{"dose", &c.infusion_dose}, std::pair{"rate", &c.infusion_rate},
                             std::pair{"over", &c.infusion_over}}) {
    auto v = (*inf)->optional_string(key);
    if (!v) return err(v);
    *target = *v;
  }
  return {};
}

Result<void> read_values(const Fields& f, Comparator& c) {
  auto measured = f.optional_object("measured");
  if (!measured) return err(measured);
  if (*measured) {
    if (auto ok = (*measured)->only({"value", "unit", "source"}); !ok) return ok;
    auto v = (*measured)->number("value");
    auto u = (*measured)->string("unit");
    auto s = (*measured)->string("source");
    if (!v || !u || !s) return std::unexpected(!v ? v.error() : !u ? u.error() : s.error());
    c.measured = *v;
    c.unit = *u;
    c.measured_source = *s;
  }
  auto range = f.optional_object("range");
  if (!range) return err(range);
  if (*range) {
    if (auto ok = (*range)->only({"low", "high", "unit", "source"}); !ok) return ok;
    auto lo = (*range)->number("low");
    auto hi = (*range)->number("high");
    auto u = (*range)->string("unit");
    auto s = (*range)->string("source");
    if (!lo || !hi || !u || !s) return std::unexpected(!lo ? lo.error() : !hi ? hi.error() : !u ? u.error() : s.error());
    c.range_low = *lo;
    c.range_high = *hi;
    c.unit = *u;
    c.range_source = *s;
  }
  if (!c.measured && !c.range_low) return std::unexpected(f.error("measured", "give a measured value or a range"));
  return {};
}

Result<Comparator> parse_comparator(const Fields& f) {
  if (auto ok = f.only({"id", "title", "drug", "weight", "bolus", "infusion", "dose", "measure", "at", "measured",
                        "range", "caveat"});
      !ok)
    return err(ok);
  Comparator c;
  for (auto [key, target] : {std::pair{"id", &c.id}, std::pair{"title", &c.title}, std::pair{"drug", &c.drug}}) {
    auto v = f.string(key);
    if (!v) return err(v);
    *target = *v;
  }
  auto caveat = f.optional_string("caveat");
  if (!caveat) return err(caveat);
  c.caveat = caveat->value_or("");
  auto weight = f.string("weight");
  if (!weight) return err(weight);
  auto kg = units::parse_weight_kg(*weight, f.path() + ".weight");
  if (!kg) return std::unexpected(f.error("weight", detail_of(kg.error())));
  c.weight_kg = *kg;
  auto measure = parse_measure(f);
  if (!measure) return err(measure);
  c.measure = *measure;
  auto at = f.optional_string("at");
  if (!at) return err(at);
  if (*at) {
    auto t = units::parse_duration_min(**at, f.path() + ".at");
    if (!t) return std::unexpected(f.error("at", detail_of(t.error())));
    c.at_min = *t;
  }
  if (auto ok = read_regimen(f, c); !ok) return err(ok);
  if (auto ok = read_values(f, c); !ok) return err(ok);
  return c;
}

}  // namespace

Result<std::vector<Comparator>> load_comparators(const std::filesystem::path& data_dir) {
  const auto path = (data_dir / "validation" / "comparators.json").string();
  auto doc = read_json_file(path);
  if (!doc) return err(doc);
  Fields root(*doc, path, "");
  if (auto ok = root.only({"note", "comparators"}); !ok) return err(ok);
  if (!doc->contains("comparators") || !(*doc)["comparators"].is_array())
    return std::unexpected(root.error("comparators", "must be an array"));
  std::vector<Comparator> out;
  std::size_t i = 0;
  for (const auto& node : (*doc)["comparators"]) {
    auto c = parse_comparator(root.child(node, "comparators[" + std::to_string(i++) + "]"));
    if (!c) return err(c);
    out.push_back(std::move(*c));
  }
  return out;
}

Result<std::vector<pharm::Benchmark>> benchmarks_of(const std::vector<Comparator>& comparators) {
  std::vector<pharm::Benchmark> out;
  for (const auto& c : comparators) {
    if (c.measure != Measure::cp_at || !c.measured || !c.at_min || !c.infusion_dose || !c.infusion_over || c.bolus)
      continue;
    auto dose = units::parse_as(*c.infusion_dose, units::kMassPerBody, c.id + ".infusion.dose");
    if (!dose) continue;  // an absolute dose is not a per-kg protocol
    auto over = units::parse_duration_min(*c.infusion_over, c.id + ".infusion.over");
    if (!over) return std::unexpected(over.error());
    out.push_back({c.id, c.drug, c.title, c.measured_source, c.weight_kg, *dose, *over, *c.at_min, *c.measured});
  }
  return out;
}

Result<std::vector<pharm::Benchmark>> load_benchmarks(const std::filesystem::path& data_dir) {
  auto all = load_comparators(data_dir);
  if (!all) return std::unexpected(all.error());
  return benchmarks_of(*all);
}

}  // namespace kc::catalog
