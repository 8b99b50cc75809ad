#include "http/measures_codec.h"

namespace kc::http {
namespace {

using namespace kc::clinic;
using nlohmann::json;

template <class T>
json maybe(const std::optional<T>& v) {
  return v ? json(*v) : json(nullptr);
}

std::string_view type_name(measures::ItemType t) {
  switch (t) {
    case measures::ItemType::choice: return "choice";
    case measures::ItemType::boolean: return "boolean";
    case measures::ItemType::integer: return "integer";
  }
  return "choice";
}

std::string_view administration(const measures::Instrument& ins) {
  return ins.administration == measures::Administration::clinician ? "clinician" : "self_report";
}

json coding_json(const measures::Coding& c) { return {{"system", c.system}, {"code", c.code}, {"display", c.display}}; }

json codes_json(const std::vector<measures::Coding>& codes) {
  auto out = json::array();
  for (const auto& c : codes) out.push_back(coding_json(c));
  return out;
}

json item_json(const measures::Instrument& ins, const measures::Item& item) {
  json out = {{"link_id", item.link_id}, {"prefix", item.prefix}, {"label", item.label},
              {"type", type_name(item.type)}, {"required", item.required}, {"min", item.min_value},
              {"max", item.max_value}, {"codes", codes_json(item.codes)}};
  if (ins.licence.item_text_shipped && !item.text.empty()) out["text"] = item.text;
  if (!item.options.empty()) {
    out["options"] = json::array();
    for (const auto& o : item.options)
      out["options"].push_back({{"value", o.value}, {"display", o.display}, {"code", o.coding ? coding_json(*o.coding) : json(nullptr)}});
  }
  if (item.enable_when)
    out["enable_when"] = {{"question", ins.items[item.enable_when->question].link_id}, {"equals", item.enable_when->equals}};
  return out;
}

json outcome_rules_json(const measures::OutcomeDefinition& o) {
  json out = json::object();
  if (o.response)
    out["response"] = {{"kind", o.response->kind == measures::ResponseKind::percent_reduction ? "percent_reduction"
                                                                                               : "point_reduction"},
                       {"at_least", o.response->at_least}, {"source", o.response->source}};
  if (o.remission)
    out["remission"] = {{"operator", measures::to_symbol(o.remission->threshold.op)},
                        {"threshold", o.remission->threshold.value}, {"source", o.remission->source}};
  return out;
}

json facts_json(const measures::Facts& f) {
  json medications = nullptr;
  if (f.medications) {
    medications = json::array();
    for (const auto& m : *f.medications) {
      auto classes = json::array();
      for (auto c : m.classes) classes.push_back(measures::to_string(c));
      medications.push_back({{"name", m.name}, {"classes", classes},
                             {"lorazepam_eq_mg_per_day", maybe(m.lorazepam_eq_mg_per_day)}});
    }
  }
  return {{"treatment", measures::to_string(f.treatment)}, {"age_years", maybe(f.age_years)},
          {"pregnant", maybe(f.pregnant)}, {"systolic_mmhg", maybe(f.systolic_mmhg)},
          {"diastolic_mmhg", maybe(f.diastolic_mmhg)}, {"medications", medications},
          {"open_safety_flags", f.open_safety_flags}};
}

json proposal_json(const measures::EligibilityProposal& p) {
  auto reasons = json::array();
  for (const auto& r : p.reasons)
    reasons.push_back({{"rule_id", r.rule_id}, {"kind", measures::to_string(r.kind)}, {"reason", r.reason},
                       {"source", r.source}, {"unknown", r.unknown}});
  return {{"outcome", measures::to_string(p.outcome)}, {"rule_set_version", p.rule_set_version}, {"reasons", reasons}};
}

json flags_of_score(const std::vector<measures::SafetyFlag>& flags) {
  auto out = json::array();
  for (const auto& f : flags)
    out.push_back({{"kind", f.kind}, {"severity", measures::to_string(f.severity)}, {"trigger", f.trigger},
                   {"reason", f.reason}, {"requires_acknowledgement", f.requires_acknowledgement()}});
  return out;
}

}  // namespace

// RFC 3339 with "Z": the offset of UTC is not a place's offset.
json utc_json(Instant t) {
  static const Zone utc = date::locate_zone("Etc/UTC");
  auto text = format_instant(t, utc);
  if (text.ends_with("+00:00")) text.replace(text.size() - 6, 6, "Z");
  return text;
}

json actor_json(const Actor& a) { return {{"kind", a.kind}, {"id", a.id}}; }

json instrument_summary_json(const measures::Instrument& ins) {
  return {{"id", ins.id}, {"title", ins.title}, {"version", ins.version}, {"administration", administration(ins)},
          {"items", ins.items.size()}, {"item_text", ins.licence.item_text_shipped ? "shipped" : "withheld"},
          {"links", {{"self", "/api/v1/instruments/" + ins.id}}}};
}

json instrument_json(const measures::Instrument& ins) {
  auto items = json::array();
  for (const auto& item : ins.items) items.push_back(item_json(ins, item));
  json out = {{"id", ins.id}, {"title", ins.title}, {"name", ins.name}, {"version", ins.version},
              {"description", ins.description}, {"administration", administration(ins)},
              {"codes", codes_json(ins.codes)}, {"copyright", ins.copyright},
              {"licence", {{"item_text", ins.licence.item_text_shipped ? "shipped" : "withheld"}, {"note", ins.licence.note}}},
              {"items", items}};
  out["max_total"] = ins.scoring.total ? json(ins.max_total()) : json(nullptr);
  out["outcomes"] = outcome_rules_json(ins.outcomes);
  return out;
}

json assignment_json(const Assignment& a, const measures::Instrument* ins) {
  json out = {{"id", a.id}, {"patient_id", a.patient_id}, {"instrument", a.instrument},
              {"title", ins ? json(ins->title) : json(nullptr)},
              {"completed_by", ins && ins->administration == measures::Administration::clinician ? "clinician" : "patient"},
              {"reason", to_string(a.reason)}, {"due", a.due ? utc_json(*a.due) : json(nullptr)},
              {"appointment_id", maybe(a.appointment_id)}, {"created_at", utc_json(a.created_at)},
              {"created_by", actor_json(a.created_by)}, {"status", a.current_submission ? "submitted" : "open"},
              {"submission_id", maybe(a.current_submission)}};
  out["links"] = {{"submit", "/api/v1/assignments/" + std::to_string(a.id) + "/submission"}};
  return out;
}

json score_json(const measures::ScoreResult& s) {
  json out = {{"complete", s.complete}, {"total", maybe(s.total)}, {"max_total", s.max_total},
              {"prorated", s.prorated}};
  out["band"] = s.band ? json{{"id", s.band->id}, {"label", s.band->label}} : json(nullptr);
  out["subscales"] = json::array();
  for (const auto& x : s.subscales)
    out["subscales"].push_back({{"id", x.id}, {"label", x.label}, {"score", maybe(x.score)}, {"max", x.max}});
  out["criteria"] = json::array();
  for (const auto& c : s.criteria)
    out["criteria"].push_back({{"id", c.id}, {"label", c.label}, {"met", maybe(c.met)}, {"source", c.source}});
  out["risk"] = s.risk ? json{{"id", s.risk->id}, {"label", s.risk->label}, {"action", s.risk->action},
                              {"lower_bound", s.risk->lower_bound}}
                       : json(nullptr);
  out.update({{"flags", flags_of_score(s.flags)}, {"missing", s.missing}, {"notes", s.notes}});
  return out;
}

json submission_json(const Submission& s) {
  json answers = json::object();
  for (const auto& a : s.answers) answers[a.link_id] = maybe(a.value);
  json out = {{"id", s.id}, {"assignment_id", s.assignment_id}, {"patient_id", s.patient_id},
              {"instrument", s.instrument}, {"instrument_version", s.instrument_version}, {"version", s.version},
              {"supersedes", maybe(s.supersedes)}, {"entered_by", to_string(s.entered_by)},
              {"entered_on_paper", s.on_paper}, {"actor", actor_json(s.actor)},
              {"submitted_at", utc_json(s.submitted_at)}, {"answered_at", utc_json(s.answered_at)},
              {"correction_reason", s.version > 1 ? json(s.correction_reason) : json(nullptr)},
              {"answers", answers}, {"score", score_json(s.score)}};
  out["links"] = {{"self", "/api/v1/submissions/" + std::to_string(s.id)},
                  {"corrections", "/api/v1/submissions/" + std::to_string(s.id) + "/corrections"}};
  return out;
}

json flag_json(const Flag& f) {
  json out = {{"id", f.id}, {"patient_id", f.patient_id}, {"submission_id", f.submission_id},
              {"instrument", f.instrument}, {"kind", f.raised.kind},
              {"severity", measures::to_string(f.raised.severity)}, {"trigger", f.raised.trigger},
              {"reason", f.raised.reason}, {"source", f.raised.source},
              {"requires_acknowledgement", f.raised.requires_acknowledgement()},
              {"raised_at", utc_json(f.raised_at)}, {"status", f.open() ? "open" : "acknowledged"}};
  out["acknowledgement"] = nullptr;
  if (const auto& a = f.acknowledgement)
    out["acknowledgement"] = {{"staff", a->staff}, {"at", utc_json(a->at)}, {"action_taken", a->action_taken},
                              {"actor", actor_json(a->actor)}};
  return out;
}

json flag_summary_json(const Flag& f, const std::string& patient_name) {
  return {{"id", f.id}, {"patient", {{"id", f.patient_id}, {"name", patient_name}}},
          {"severity", measures::to_string(f.raised.severity)}, {"raised_at", utc_json(f.raised_at)},
          {"status", f.open() ? "open" : "acknowledged"}};
}

json crisis_json(const measures::CrisisResources& c) {
  auto list = json::array();
  for (const auto& r : c.resources)
    list.push_back({{"id", r.id}, {"name", r.name}, {"instructions", r.instructions},
                    {"url", r.url.empty() ? json(nullptr) : json(r.url)}});
  return {{"message", c.message}, {"region", c.region}, {"resources", list}};
}

json trend_json(Id patient_id, const Trend& t) {
  auto points = json::array();
  for (const auto& p : t.points) {
    const auto& o = p.outcome;
    points.push_back({{"submission_id", p.submission_id}, {"answered_at", utc_json(o.at)}, {"total", o.total},
                      {"band", p.band ? json{{"id", p.band->id}, {"label", p.band->label}} : json(nullptr)},
                      {"is_baseline", o.is_baseline}, {"change", maybe(o.change)},
                      {"percent_change", maybe(o.percent_change)}, {"response", maybe(o.response)},
                      {"remission", maybe(o.remission)}});
  }
  return {{"patient_id", patient_id}, {"instrument", t.instrument->id}, {"title", t.instrument->title},
          {"max_total", t.instrument->max_total()}, {"rules", outcome_rules_json(t.instrument->outcomes)},
          {"baseline_submission_id", maybe(t.baseline_submission)},
          {"in_metric_denominator", maybe(t.in_metric_denominator)}, {"points", points}, {"notes", t.notes}};
}

json screening_json(const Screening& s) {
  json decision = nullptr;
  if (const auto& d = s.decision)
    decision = {{"decision", measures::to_string(d->decision)}, {"prescriber", d->prescriber}, {"note", d->note},
                {"overrides_proposal", d->overrides_proposal}, {"decided_at", utc_json(d->decided_at)},
                {"actor", actor_json(d->actor)}};
  return {{"id", s.id}, {"patient_id", s.patient_id}, {"created_at", utc_json(s.created_at)},
          {"created_by", actor_json(s.created_by)}, {"facts", facts_json(s.facts)},
          {"screening_submission_id", maybe(s.screening_submission)}, {"proposal", proposal_json(s.proposal)},
          {"decision", decision},
          {"links", {{"decision", "/api/v1/screenings/" + std::to_string(s.id) + "/decision"}}}};
}

}  // namespace kc::http
