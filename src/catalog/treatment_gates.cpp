#include "catalog/treatment_gates.h"

#include <algorithm>

#include "catalog/json_lists.h"

namespace kc::catalog {
namespace {

using clinic::Gate;
using clinic::GateRule;

Result<measures::Treatment> treatment_named(const Fields& f, const std::string& text, std::string_view key) {
  if (auto t = measures::parse_treatment(text)) return *t;
  return std::unexpected(f.error(key, "'" + text + "' is not one of iv_ketamine, esketamine"));
}

Result<void> read_types(const Fields& root, const std::vector<clinic::AppointmentType>& types,
                        clinic::TreatmentGates& out) {
  auto items = objects(root, "treatment_types");
  if (!items) return std::unexpected(items.error());
  for (const auto& item : *items) {
    if (auto ok = item.only({"type", "treatment"}); !ok) return ok;
    auto type = item.string("type"), treatment = item.string("treatment");
    if (auto e = first_error(type, treatment)) return std::unexpected(*e);
    if (std::none_of(types.begin(), types.end(), [&](const auto& t) { return t.code == *type; }))
      return std::unexpected(item.error("type", "'" + *type + "' is not in appointment_types.json"));
    auto t = treatment_named(item, *treatment, "treatment");
    if (!t) return std::unexpected(t.error());
    if (!out.treatment_of_type.emplace(*type, *t).second)
      return std::unexpected(item.error("type", "'" + *type + "' is listed twice"));
  }
  return {};
}

Result<GateRule> read_gate(const Fields& f) {
  if (auto ok = f.only({"id", "treatments", "minimum_age_years", "resolved_by", "source"}); !ok)
    return std::unexpected(ok.error());
  auto id = f.string("id"), source = f.string("source"), resolved_by = f.string("resolved_by");
  auto treatments = strings(f, "treatments");
  if (auto e = first_error(id, source, resolved_by, treatments)) return std::unexpected(*e);
  GateRule rule;
  auto gate = clinic::parse_gate(*id);
  if (!gate)
    return std::unexpected(f.error("id", "'" + *id + "' is not one of adult, eligible_decision, no_open_urgent_flag, "
                                         "rems_enrolment"));
  rule.gate = *gate;
  if (source->empty()) return std::unexpected(f.error("source", "must say where the gate comes from"));
  rule.source = *source;
  if (resolved_by->empty()) return std::unexpected(f.error("resolved_by", "must say what meets the gate"));
  rule.resolved_by = *resolved_by;
  for (const auto& name : *treatments) {
    auto t = treatment_named(f, name, "treatments");
    if (!t) return std::unexpected(t.error());
    rule.treatments.push_back(*t);
  }
  const bool adult = rule.gate == Gate::adult;
  if (adult != f.has("minimum_age_years"))
    return std::unexpected(f.error("minimum_age_years", adult ? "the adult gate needs it" : "only the adult gate has it"));
  if (adult) {
    auto age = integer(f, "minimum_age_years", 0, 120);
    if (!age) return std::unexpected(age.error());
    rule.minimum_age_years = *age;
  }
  return rule;
}

}  // namespace

Result<clinic::TreatmentGates> load_treatment_gates(const std::filesystem::path& file,
                                                    const std::vector<clinic::AppointmentType>& types) {
  auto doc = read_json_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  Fields root(*doc, file.string(), "");
  if (!doc->is_object()) return std::unexpected(root.error("", "must be a JSON object"));
  if (auto ok = root.only({"about", "treatment_types", "gates"}); !ok) return std::unexpected(ok.error());
  clinic::TreatmentGates out;
  if (auto ok = read_types(root, types, out); !ok) return std::unexpected(ok.error());
  auto gates = objects(root, "gates");
  if (!gates) return std::unexpected(gates.error());
  for (const auto& g : *gates) {
    auto rule = read_gate(g);
    if (!rule) return std::unexpected(rule.error());
    auto same = [&](const GateRule& r) { return r.gate == rule->gate; };
    if (std::any_of(out.rules.begin(), out.rules.end(), same))
      return std::unexpected(g.error("id", "'" + std::string(clinic::to_string(rule->gate)) + "' is listed twice"));
    out.rules.push_back(std::move(*rule));
  }
  return out;
}

}  // namespace kc::catalog
