// `ketaclinic models`: the model catalogue with citations.
#include <fmt/format.h>

#include <memory>

#include "catalog/models.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "cli/pharm_args.h"

namespace kc::cli {
namespace {

struct ModelsArgs {
  std::string format, show;
};

nlohmann::json describe(const pharm::ModelSpec& m, const catalog::ModelCatalog& c) {
  nlohmann::json params = nlohmann::json::object();
  for (const auto& [p, v] : m.disposition)
    params[std::string(pharm::to_string(p))] = {{"value", v.value}, {"source", v.source}};
  nlohmann::json iiv = nlohmann::json::object();
  for (const auto& [p, v] : m.iiv_cv) iiv[std::string(pharm::to_string(p))] = {{"cv", v.value}, {"source", v.source}};
  nlohmann::json routes = nlohmann::json::array({"iv"});
  for (const auto& [r, spec] : m.routes) routes.push_back(pharm::to_string(r));
  auto range = [](const pharm::Range& r) {
    return nlohmann::json{{"min", r.min ? nlohmann::json(*r.min) : nlohmann::json(nullptr)},
                          {"max", r.max ? nlohmann::json(*r.max) : nlohmann::json(nullptr)}, {"source", r.source}};
  };
  return {{"id", m.id}, {"name", m.name}, {"drug", c.drug_of(m).name}, {"default", m.id == c.default_model},
          {"citation", m.citation}, {"population", m.population}, {"notes", m.notes},
          {"compartments", m.compartments},
          {"scaling", m.scaling == pharm::Scaling::per_kg ? "per_kg" : "allometric"},
          {"parameters_at_reference", params},
          {"parameter_units", m.scaling == pharm::Scaling::per_kg ? "L/kg and L/min/kg" : "L and L/min at the reference weight"},
          {"ke0_per_min", m.ke0_per_min ? nlohmann::json(m.ke0_per_min->value) : nlohmann::json(nullptr)},
          {"assumed_tpeak_min", m.assumed_tpeak_min ? nlohmann::json(m.assumed_tpeak_min->value) : nlohmann::json(nullptr)},
          {"routes", routes}, {"validity", {{"weight_kg", range(m.weight_kg)}, {"age_y", range(m.age_y)}}},
          {"variability_cv", iiv}};
}

int run(const ModelsArgs& a) {
  auto format = parse_format(a.format);
  if (!format) return report("models", format.error());
  auto catalog = catalog::load_models(catalog::default_data_dir());
  if (!catalog) return report("models", Error{ErrorCode::internal, "data", catalog.error().message});
  std::vector<const pharm::ModelSpec*> chosen;
  if (!a.show.empty()) {
    auto m = catalog->find(a.show);
    if (!m) return report("models", m.error());
    chosen.push_back(*m);
  } else {
    for (const auto& m : catalog->models) chosen.push_back(&m);
  }
  if (*format == Format::json) {
    auto out = nlohmann::json::array();
    for (const auto* m : chosen) out.push_back(describe(*m, *catalog));
    fmt::print("{}\n", (a.show.empty() ? out : out[0]).dump(2));
    return kExitOk;
  }
  Table t{{"id", "name", "drug", "compartments", "routes", "effect site"}, {}};
  for (const auto* m : chosen) {
    std::string routes = "iv";
    for (const auto& [r, spec] : m->routes) routes += "," + std::string(pharm::to_string(r));
    std::string effect = m->ke0_per_min ? fmt::format("ke0 {:g}/min", m->ke0_per_min->value)
                         : m->assumed_tpeak_min ? "assumed" : "none";
    t.rows.push_back({m->id + (m->id == catalog->default_model ? " *" : ""), m->name, catalog->drug_of(*m).name,
                      std::to_string(m->compartments), routes, effect});
  }
  fmt::print("{}", *format == Format::csv ? render_csv(t) : render_table(t) + "\n* default model. `ketaclinic models --show ID --format json` gives every parameter with its source.\n");
  return kExitOk;
}

}  // namespace

void register_models(CLI::App& root, int& exit_code) {
  auto args = std::make_shared<ModelsArgs>();
  auto* cmd = root.add_subcommand("models", "List the PK models with their citations");
  add_format_option(*cmd, args->format);
  cmd->add_option("--show", args->show, "one model in full, with the source of every number");
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace kc::cli
