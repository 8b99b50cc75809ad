#include "catalog/models.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>

#include "catalog/json_fields.h"
#include "core/units.h"

namespace kc::catalog {
namespace {

using pharm::Param;
using pharm::Sourced;

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

// {"value": "0.063L/kg", "source": "..."} with the value in the wanted dimension,
// converted by `scale` (e.g. mL -> L).
Result<Sourced> sourced_quantity(const Fields& f, std::string_view key, units::Dimension dim, double scale) {
  auto o = f.object(key);
  if (!o) return err(o);
  if (auto ok = o->only({"value", "source"}); !ok) return err(ok);
  auto text = o->string("value");
  if (!text) return err(text);
  auto source = o->string("source");
  if (!source) return err(source);
  auto v = units::parse_as(*text, dim, o->path() + ".value");
  if (!v) return std::unexpected(o->error("value", detail_of(v.error())));
  if (!(*v > 0)) return std::unexpected(o->error("value", "must be positive"));
  return Sourced{*v * scale, *source};
}

struct ParamForm {
  std::string_view key;
  bool micro;  // a rate constant (k..) rather than a volume or clearance
};
constexpr ParamForm kParamKeys[] = {{"v1", false}, {"v2", false}, {"v3", false}, {"cl", false},
                                    {"q2", false}, {"q3", false}, {"k10", true}, {"k12", true},
                                    {"k21", true}, {"k13", true}, {"k31", true}};

bool is_volume(std::string_view k) { return k.front() == 'v'; }

units::Dimension param_dimension(std::string_view key, bool per_kg) {
  if (key.front() == 'k') return units::kPerTime;
  if (is_volume(key)) return per_kg ? units::kVolumePerBody : units::kVolume;
  return per_kg ? units::kVolumeRatePerBody : units::kVolumeRate;
}

// Micro-constants (V1 + k's) or volumes and clearances; both end as V and CL in L, L/min.
Result<void> read_parameters(const Fields& root, pharm::ModelSpec& spec) {
  auto f = root.object("parameters");
  if (!f) return err(f);
  if (auto ok = f->only({"v1", "v2", "v3", "cl", "q2", "q3", "k10", "k12", "k21", "k13", "k31"}); !ok)
    return ok;
  const bool per_kg = spec.scaling == pharm::Scaling::per_kg;
  const bool micro = f->has("k10");
  std::map<std::string, Sourced> raw;
  for (const auto& [key, is_micro] : kParamKeys) {
    if (!f->has(key)) continue;
    if (is_micro != micro && key != "v1")
      return std::unexpected(f->error(key, "mixes rate constants (k10...) with clearances (cl...); use one form"));
    const double scale = key.front() == 'k' ? 1.0 : 1e-3;  // mL -> L
    auto v = sourced_quantity(*f, key, param_dimension(key, per_kg), scale);
    if (!v) return err(v);
    raw.emplace(std::string(key), *v);
  }
  if (!raw.contains("v1")) return std::unexpected(f->error("v1", "is required"));
  if (micro) {
    for (std::string_view k : {"k10", "k12", "k21", "k13", "k31"}) {
      const bool needed = (k == "k10") || (spec.compartments >= 2 && (k == "k12" || k == "k21")) ||
                          (spec.compartments >= 3);
      if (needed && !raw.contains(std::string(k))) return std::unexpected(f->error(k, "is required"));
    }
    pharm::MicroConstants m{spec.compartments, raw["v1"].value, raw["k10"].value, raw["k12"].value,
                            raw["k21"].value, raw["k13"].value, raw["k31"].value};
    const pharm::PkParams p = pharm::from_micro(m);
    const std::string k_src = raw["k10"].source;
    for (Param param : pharm::kParams) spec.disposition[param] = Sourced{p[param], "derived from the "
                                                                "micro-constants: " + k_src};
    spec.disposition[Param::v1] = raw["v1"];
    return {};
  }
  for (const auto& [key, value] : raw) {
    auto param = pharm::parse_param(key, key);
    if (param) spec.disposition[*param] = value;
  }
  return {};
}

Result<void> read_scaling(const Fields& root, pharm::ModelSpec& spec) {
  auto f = root.object("scaling");
  if (!f) return err(f);
  if (auto ok = f->only({"type", "reference_weight", "volume_exponent", "clearance_exponent", "source"}); !ok)
    return ok;
  auto type = f->string("type");
  if (!type) return err(type);
  auto source = f->string("source");
  if (!source) return err(source);
  spec.scaling_source = *source;
  if (*type == "per_kg") { spec.scaling = pharm::Scaling::per_kg; return {}; }
  if (*type != "allometric") return std::unexpected(f->error("type", "must be per_kg or allometric"));
  spec.scaling = pharm::Scaling::allometric;
  auto ref = f->string("reference_weight");
  if (!ref) return err(ref);
  auto kg = units::parse_weight_kg(*ref, f->path() + ".reference_weight");
  if (!kg || !(*kg > 0)) return std::unexpected(f->error("reference_weight", "must be a weight such as 70kg"));
  spec.reference_weight_kg = *kg;
  auto ev = f->number("volume_exponent");
  auto ec = f->number("clearance_exponent");
  if (!ev) return err(ev);
  if (!ec) return err(ec);
  spec.volume_exponent = *ev;
  spec.clearance_exponent = *ec;
  return {};
}

Result<void> read_effect_site(const Fields& root, pharm::ModelSpec& spec) {
  auto f = root.optional_object("effect_site");
  if (!f) return err(f);
  if (!*f) return {};
  if (auto ok = (*f)->only({"ke0", "assumed_tpeak", "note"}); !ok) return ok;
  if ((*f)->has("ke0")) {
    auto k = sourced_quantity(**f, "ke0", units::kPerTime, 1.0);
    if (!k) return err(k);
    spec.ke0_per_min = *k;
  }
  if ((*f)->has("assumed_tpeak")) {
    auto t = sourced_quantity(**f, "assumed_tpeak", units::kTime, 1.0);
    if (!t) return err(t);
    spec.assumed_tpeak_min = *t;
  }
  if (spec.ke0_per_min && spec.assumed_tpeak_min)
    return std::unexpected((*f)->error("assumed_tpeak", "cannot be given together with a published ke0"));
  return {};
}

Result<void> read_routes(const Fields& root, pharm::ModelSpec& spec) {
  auto f = root.optional_object("routes");
  if (!f) return err(f);
  if (!*f) return {};
  for (const auto& [name, node] : (*f)->node().items()) {
    auto route = pharm::parse_route(name, name);
    if (!route || *route == pharm::Route::iv)
      return std::unexpected((*f)->error(name, "is not an extravascular route (intranasal, intramuscular, oral, sublingual)"));
    Fields r = (*f)->child(node, name);
    if (auto ok = r.only({"bioavailability", "ka"}); !ok) return ok;
    auto fb = sourced_quantity(r, "bioavailability", units::kDimensionless, 1.0);
    if (!fb) return err(fb);
    auto ka = sourced_quantity(r, "ka", units::kPerTime, 1.0);
    if (!ka) return err(ka);
    spec.routes[*route] = pharm::RouteSpec{*route, *fb, *ka};
  }
  return {};
}

Result<pharm::Range> read_range(const Fields& f, std::string_view key, bool weight) {
  auto o = f.optional_object(key);
  if (!o) return err(o);
  pharm::Range range;
  if (!*o) return range;
  if (auto ok = (*o)->only({"min", "max", "source"}); !ok) return err(ok);
  auto source = (*o)->string("source");
  if (!source) return err(source);
  range.source = *source;
  for (std::string_view bound : {"min", "max"}) {
    auto text = (*o)->optional_string(bound);
    if (!text) return err(text);
    if (!*text) continue;
    auto v = weight ? units::parse_weight_kg(**text, bound)
                    : units::parse_duration_min(**text, bound);
    if (!v) return std::unexpected((*o)->error(bound, detail_of(v.error())));
    (bound == "min" ? range.min : range.max) = weight ? *v : *v / units::kMinPerYear;
  }
  return range;
}

Result<void> read_validity(const Fields& root, pharm::ModelSpec& spec) {
  auto f = root.object("validity");
  if (!f) return err(f);
  if (auto ok = f->only({"weight", "age"}); !ok) return ok;
  auto w = read_range(*f, "weight", true);
  if (!w) return err(w);
  auto a = read_range(*f, "age", false);
  if (!a) return err(a);
  spec.weight_kg = *w;
  spec.age_y = *a;
  return {};
}

Result<void> read_variability(const Fields& root, pharm::ModelSpec& spec) {
  auto f = root.optional_object("variability");
  if (!f) return err(f);
  if (!*f) return {};
  for (const auto& [name, node] : (*f)->node().items()) {
    if (name == "note") continue;
    auto param = pharm::parse_param(name, name);
    if (!param) return std::unexpected((*f)->error(name, "is not a parameter (v1, v2, v3, cl, q2, q3)"));
    auto cv = sourced_quantity(**f, name, units::kDimensionless, 1.0);
    if (!cv) return err(cv);
    spec.iiv_cv[*param] = *cv;
  }
  return {};
}

Result<void> read_text(const Fields& f, pharm::ModelSpec& spec) {
  for (auto [key, target] : {std::pair{"name", &spec.name}, std::pair{"drug", &spec.drug},
                             std::pair{"citation", &spec.citation}, std::pair{"population", &spec.population}}) {
    auto v = f.string(key);
    if (!v) return err(v);
    *target = *v;
  }
  auto notes = f.optional_string("notes");
  if (!notes) return err(notes);
  spec.notes = notes->value_or("");
  auto c = f.number("compartments");
  if (!c) return err(c);
  if (*c != 1 && *c != 2 && *c != 3) return std::unexpected(f.error("compartments", "must be 1, 2 or 3"));
  spec.compartments = static_cast<int>(*c);
  return {};
}

Result<DrugSpec> parse_drug(const Fields& f, const std::string& id) {
  if (auto ok = f.only({"name", "molecular_weight", "fraction_unbound", "nmda_ki", "hill"}); !ok) return err(ok);
  DrugSpec d;
  d.id = id;
  auto name = f.string("name");
  if (!name) return err(name);
  d.name = *name;
  const std::pair<const char*, pharm::Sourced*> numbers[] = {
      {"molecular_weight", &d.molecular_weight_g_per_mol}, {"fraction_unbound", &d.fraction_unbound},
      {"nmda_ki", &d.nmda_ki_um}, {"hill", &d.hill}};
  for (auto [key, target] : numbers) {
    auto o = f.object(key);
    if (!o) return err(o);
    if (auto ok = o->only({"value", "unit", "source"}); !ok) return err(ok);
    auto v = o->number("value");
    if (!v) return err(v);
    if (!(*v > 0)) return std::unexpected(o->error("value", "must be positive"));
    auto s = o->string("source");
    if (!s) return err(s);
    *target = pharm::Sourced{*v, *s};
  }
  if (d.fraction_unbound.value > 1)
    return std::unexpected(f.error("fraction_unbound", "must be a fraction in (0, 1]"));
  return d;
}

}  // namespace

Result<pharm::ModelSpec> parse_model(const nlohmann::json& doc, const std::string& id,
                                     const std::string& file_label) {
  Fields f(doc, file_label, "");
  if (auto ok = f.only({"name", "drug", "default", "citation", "population", "notes", "compartments",
                        "scaling", "parameters", "effect_site", "routes", "validity", "variability"});
      !ok)
    return err(ok);
  pharm::ModelSpec spec;
  spec.id = id;
  for (auto step : {read_text, read_scaling, read_parameters, read_effect_site, read_routes,
                    read_validity, read_variability})
    if (auto ok = step(f, spec); !ok) return err(ok);
  if (auto ok = pharm::validate(spec); !ok) return std::unexpected(f.error(ok.error().field, detail_of(ok.error())));
  return spec;
}

namespace {

Result<void> load_drugs(const std::filesystem::path& file, ModelCatalog& catalog) {
  auto doc = read_json_file(file.string());
  if (!doc) return err(doc);
  Fields root(*doc, file.string(), "");
  if (!doc->is_object()) return std::unexpected(root.error("", "must be an object of drugs"));
  for (const auto& [id, node] : doc->items()) {
    auto d = parse_drug(root.child(node, id), id);
    if (!d) return err(d);
    catalog.drugs.emplace(id, *d);
  }
  return {};
}

Result<void> load_model_file(const std::filesystem::path& file, ModelCatalog& catalog) {
  auto doc = read_json_file(file.string());
  if (!doc) return err(doc);
  const std::string label = file.string();
  auto spec = parse_model(*doc, file.stem().string(), label);
  if (!spec) return err(spec);
  if (!catalog.drugs.contains(spec->drug))
    return fail(ErrorCode::invalid_argument, "drug",
                fmt::format("{}: drug: '{}' is not in drugs.json", label, spec->drug));
  auto is_default = Fields(*doc, label, "").boolean("default", false);
  if (!is_default) return err(is_default);
  if (*is_default) {
    if (!catalog.default_model.empty())
      return fail(ErrorCode::invalid_argument, "default",
                  fmt::format("{}: default: '{}' is already the default model", label, catalog.default_model));
    catalog.default_model = spec->id;
  }
  catalog.models.push_back(std::move(*spec));
  return {};
}

}  // namespace

Result<ModelCatalog> load_models(const std::filesystem::path& data_dir) {
  ModelCatalog catalog;
  if (auto ok = load_drugs(data_dir / "drugs.json", catalog); !ok) return err(ok);
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(data_dir / "models", ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  if (ec || files.empty())
    return fail(ErrorCode::not_found, "data", fmt::format("{}: no model files found", (data_dir / "models").string()));
  std::sort(files.begin(), files.end());
  for (const auto& file : files)
    if (auto ok = load_model_file(file, catalog); !ok) return err(ok);
  if (catalog.default_model.empty()) catalog.default_model = catalog.models.front().id;
  return catalog;
}

std::filesystem::path default_data_dir() {
  if (const char* env = std::getenv("KETACLINIC_DATA_DIR"); env != nullptr && *env != '\0') return env;
#ifdef KC_SOURCE_DIR
  if (std::filesystem::exists(std::filesystem::path(KC_SOURCE_DIR) / "data" / "drugs.json"))
    return std::filesystem::path(KC_SOURCE_DIR) / "data";
#endif
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return exe.parent_path().parent_path() / "share" / "ketaclinic" / "data";
}

}  // namespace kc::catalog
