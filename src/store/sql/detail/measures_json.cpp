#include "store/sql/detail/measures_json.h"

#include <nlohmann/json.hpp>

namespace kc::store::sql::detail {
namespace {

using nlohmann::json;
using namespace kc::measures;

template <class T>
json maybe(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

template <class T>
std::optional<T> maybe_get(const json& j, const char* key) {
  const auto& v = j.at(key);
  if (v.is_null()) return std::nullopt;
  return v.get<T>();
}

// Reads with `read(doc)`; the library throws on a text this store did not write.
template <class T, class Read>
Result<T> parse(const std::string& text, const char* what, Read read) {
  try {
    return read(json::parse(text));
  } catch (const json::exception& e) {
    return fail(ErrorCode::internal, "", std::string("database: stored ") + what + " does not parse: " + e.what());
  }
}

json flag_json(const SafetyFlag& f) {
  return {{"kind", f.kind}, {"severity", to_string(f.severity)}, {"reason", f.reason}, {"source", f.source},
          {"trigger", f.trigger}};
}

SafetyFlag read_flag(const json& j) {
  const Severity severity = j.at("severity") == "urgent" ? Severity::urgent : Severity::review;
  return {j.at("kind"), severity, j.at("reason"), j.at("source"), j.at("trigger")};
}

json parts_json(const ScoreResult& s) {
  auto subscales = json::array(), criteria = json::array(), flags = json::array();
  for (const auto& x : s.subscales) subscales.push_back({{"id", x.id}, {"label", x.label}, {"score", maybe(x.score)}, {"max", x.max}});
  for (const auto& c : s.criteria)
    criteria.push_back({{"id", c.id}, {"label", c.label}, {"source", c.source}, {"met", maybe(c.met)}});
  for (const auto& f : s.flags) flags.push_back(flag_json(f));
  return {{"subscales", subscales}, {"criteria", criteria}, {"flags", flags}};
}

void read_parts(const json& j, ScoreResult& s) {
  for (const auto& x : j.at("subscales"))
    s.subscales.push_back({x.at("id"), x.at("label"), maybe_get<int>(x, "score"), x.at("max")});
  for (const auto& c : j.at("criteria"))
    s.criteria.push_back({c.at("id"), c.at("label"), c.at("source"), maybe_get<bool>(c, "met")});
  for (const auto& f : j.at("flags")) s.flags.push_back(read_flag(f));
}

json medications_json(const std::vector<Medication>& list) {
  auto out = json::array();
  for (const auto& m : list) {
    auto classes = json::array();
    for (auto c : m.classes) classes.push_back(to_string(c));
    out.push_back({{"name", m.name}, {"classes", classes}, {"lorazepam_eq_mg_per_day", maybe(m.lorazepam_eq_mg_per_day)}});
  }
  return out;
}

std::vector<Medication> read_medications(const json& j) {
  std::vector<Medication> out;
  for (const auto& m : j) {
    Medication med{m.at("name"), {}, maybe_get<double>(m, "lorazepam_eq_mg_per_day")};
    for (const auto& c : m.at("classes"))
      med.classes.push_back(parse_medication_class(c.get<std::string>()).value_or(MedicationClass::opioid));
    out.push_back(std::move(med));
  }
  return out;
}

ReasonKind reason_kind(const std::string& text) {
  for (auto k : {ReasonKind::absolute, ReasonKind::relative, ReasonKind::missing_information})
    if (to_string(k) == text) return k;
  return ReasonKind::missing_information;
}

}  // namespace

std::string score_text(const ScoreResult& s) {
  json out = {{"instrument", s.instrument}, {"complete", s.complete}, {"total", maybe(s.total)},
              {"max_total", s.max_total}, {"prorated", s.prorated}, {"missing", s.missing}, {"notes", s.notes}};
  out["band"] = s.band ? json{{"id", s.band->id}, {"label", s.band->label}} : json(nullptr);
  out["risk"] = s.risk ? json{{"id", s.risk->id}, {"label", s.risk->label}, {"action", s.risk->action},
                              {"lower_bound", s.risk->lower_bound}}
                       : json(nullptr);
  out.update(parts_json(s));
  return out.dump();
}

Result<ScoreResult> parse_score(const std::string& text) {
  return parse<ScoreResult>(text, "score", [](const json& j) {
    ScoreResult s;
    s.instrument = j.at("instrument").get<std::string>();
    s.complete = j.at("complete").get<bool>();
    s.total = maybe_get<int>(j, "total");
    s.max_total = j.at("max_total").get<int>();
    s.prorated = j.at("prorated").get<bool>();
    if (const auto& b = j.at("band"); !b.is_null()) s.band = BandResult{b.at("id"), b.at("label")};
    if (const auto& r = j.at("risk"); !r.is_null())
      s.risk = RiskResult{r.at("id"), r.at("label"), r.at("action"), r.at("lower_bound")};
    read_parts(j, s);
    s.missing = j.at("missing").get<std::vector<std::string>>();
    s.notes = j.at("notes").get<std::vector<std::string>>();
    return s;
  });
}

std::string facts_text(const Facts& f) {
  auto screening = json::array();
  for (const auto& a : f.screening) screening.push_back(maybe(a));
  return json{{"treatment", to_string(f.treatment)}, {"age_years", maybe(f.age_years)}, {"pregnant", maybe(f.pregnant)},
              {"systolic_mmhg", maybe(f.systolic_mmhg)}, {"diastolic_mmhg", maybe(f.diastolic_mmhg)},
              {"medications", f.medications ? medications_json(*f.medications) : json(nullptr)},
              {"screening", screening}, {"open_safety_flags", f.open_safety_flags}}
      .dump();
}

Result<Facts> parse_facts(const std::string& text) {
  return parse<Facts>(text, "facts", [](const json& j) {
    Facts f;
    f.treatment = parse_treatment(j.at("treatment").get<std::string>()).value_or(Treatment::iv_ketamine);
    f.age_years = maybe_get<int>(j, "age_years");
    f.pregnant = maybe_get<bool>(j, "pregnant");
    f.systolic_mmhg = maybe_get<int>(j, "systolic_mmhg");
    f.diastolic_mmhg = maybe_get<int>(j, "diastolic_mmhg");
    if (const auto& m = j.at("medications"); !m.is_null()) f.medications = read_medications(m);
    for (const auto& a : j.at("screening")) f.screening.push_back(a.is_null() ? std::nullopt : std::optional<int>(a.get<int>()));
    // Screenings recorded before the safety gate carry no open flags.
    if (j.contains("open_safety_flags")) f.open_safety_flags = j.at("open_safety_flags").get<std::vector<std::string>>();
    return f;
  });
}

std::string reasons_text(const std::vector<Reason>& reasons) {
  auto out = json::array();
  for (const auto& r : reasons)
    out.push_back({{"rule_id", r.rule_id}, {"kind", to_string(r.kind)}, {"reason", r.reason}, {"source", r.source},
                   {"unknown", r.unknown}});
  return out.dump();
}

Result<std::vector<Reason>> parse_reasons(const std::string& text) {
  return parse<std::vector<Reason>>(text, "reasons", [](const json& j) {
    std::vector<Reason> out;
    for (const auto& r : j)
      out.push_back({r.at("rule_id"), reason_kind(r.at("kind")), r.at("reason"), r.at("source"),
                     r.at("unknown").get<std::vector<std::string>>()});
    return out;
  });
}

}  // namespace kc::store::sql::detail
