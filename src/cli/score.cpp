// `ketaclinic score INSTRUMENT --answers 0,1,2,...`: scores one submission of
// an instrument from data/instruments and prints the result (JSON by default).
// Answers are given in item order; an empty field is an unanswered item, and
// fields left off the end are unanswered too. Yes/no items also take y/n.
// Bad answers exit 2 with a message naming the item and nothing on stdout.
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <utility>
#include <memory>

#include "catalog/crisis_resources.h"
#include "catalog/instruments.h"
#include "catalog/models.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/output.h"
#include "clinic/measures/scoring.h"

namespace kc::cli {
namespace {

using measures::Answers;
using measures::Instrument;
using measures::ScoreResult;

struct ScoreArgs {
  std::string instrument, answers, format = "json";
};

std::string trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

Result<std::optional<int>> parse_answer(const std::string& token, const measures::Item& item, std::size_t i) {
  if (token.empty()) return std::optional<int>{};
  if (item.type == measures::ItemType::boolean) {
    const std::string t = lower(token);
    if (t == "y" || t == "yes") return std::optional<int>{1};
    if (t == "n" || t == "no") return std::optional<int>{0};
  }
  int value = 0;
  const auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), value);
  if (ec != std::errc{} || end != token.data() + token.size()) {
    const std::string field = fmt::format("answers[{}]", i);
    return fail(ErrorCode::invalid_argument, field,
                fmt::format("{} ({}): '{}' is not a number", field, item.link_id, token));
  }
  return std::optional<int>{value};
}

Result<Answers> parse_answers(const std::string& text, const Instrument& ins) {
  std::vector<std::string> tokens;
  std::size_t start = 0;
  for (std::size_t comma; (comma = text.find(',', start)) != std::string::npos; start = comma + 1)
    tokens.push_back(trim(std::string_view(text).substr(start, comma - start)));
  tokens.push_back(trim(std::string_view(text).substr(start)));
  if (tokens.size() > ins.items.size()) {
    const std::string field = fmt::format("answers[{}]", ins.items.size());
    return fail(ErrorCode::invalid_argument, field,
                fmt::format("{}: {} has {} items, got {} answers", field, ins.id, ins.items.size(), tokens.size()));
  }
  Answers answers(ins.items.size());
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    auto a = parse_answer(tokens[i], ins.items[i], i);
    if (!a) return std::unexpected(a.error());
    answers[i] = *a;
  }
  return answers;
}

nlohmann::ordered_json optional_json(const auto& v) { return v ? nlohmann::ordered_json(*v) : nlohmann::ordered_json(nullptr); }

nlohmann::ordered_json flags_json(const std::vector<measures::SafetyFlag>& flags) {
  auto out = nlohmann::ordered_json::array();
  for (const auto& f : flags)
    out.push_back({{"kind", f.kind}, {"severity", measures::to_string(f.severity)},
                   {"requires_acknowledgement", f.requires_acknowledgement()}, {"trigger", f.trigger},
                   {"reason", f.reason}, {"source", f.source}});
  return out;
}

nlohmann::ordered_json crisis_json(const measures::CrisisResources& c) {
  auto list = nlohmann::ordered_json::array();
  for (const auto& r : c.resources)
    list.push_back({{"id", r.id}, {"name", r.name}, {"instructions", r.instructions}, {"url", r.url}});
  return {{"message", c.message}, {"region", c.region}, {"resources", list}};
}

nlohmann::ordered_json result_json(const Instrument& ins, const ScoreResult& r, const measures::CrisisResources* crisis) {
  nlohmann::ordered_json out = {{"instrument", ins.id}, {"title", ins.title}, {"complete", r.complete},
                        {"total", optional_json(r.total)}};
  if (ins.scoring.total) out.update({{"max_total", r.max_total}, {"prorated", r.prorated}});
  out["band"] = r.band ? nlohmann::ordered_json{{"id", r.band->id}, {"label", r.band->label}} : nlohmann::ordered_json(nullptr);
  if (!r.subscales.empty()) {
    out["subscales"] = nlohmann::ordered_json::array();
    for (const auto& s : r.subscales)
      out["subscales"].push_back({{"id", s.id}, {"label", s.label}, {"score", optional_json(s.score)}, {"max", s.max}});
  }
  if (!r.criteria.empty()) {
    out["criteria"] = nlohmann::ordered_json::array();
    for (const auto& c : r.criteria)
      out["criteria"].push_back({{"id", c.id}, {"label", c.label}, {"met", optional_json(c.met)}});
  }
  if (ins.scoring.risk)
    out["risk"] = r.risk ? nlohmann::ordered_json{{"id", r.risk->id}, {"label", r.risk->label}, {"action", r.risk->action},
                                          {"lower_bound", r.risk->lower_bound}}
                         : nlohmann::ordered_json(nullptr);
  out.update({{"flags", flags_json(r.flags)}, {"missing", r.missing}, {"notes", r.notes}});
  if (crisis) out["crisis_resources"] = crisis_json(*crisis);
  return out;
}

std::string met_text(const std::optional<bool>& met) { return met ? (*met ? "yes" : "no") : "not decided"; }

using Rows = std::vector<std::pair<std::string, std::string>>;

std::string aligned(const Rows& rows) {
  std::size_t width = 0;
  for (const auto& [key, value] : rows) width = std::max(width, key.size());
  std::string out;
  for (const auto& [key, value] : rows) out += fmt::format("  {:<{}}  {}\n", key, width, value);
  return out;
}

Rows result_rows(const Instrument& ins, const ScoreResult& r) {
  Rows rows{{"complete", r.complete ? "yes" : "no"}};
  if (ins.scoring.total)
    rows.emplace_back("total", r.total ? fmt::format("{} of {}{}", *r.total, r.max_total, r.prorated ? " (prorated)" : "")
                                       : "not reported");
  if (!ins.scoring.bands.empty()) rows.emplace_back("band", r.band ? r.band->label : "-");
  for (const auto& s : r.subscales)
    rows.emplace_back(s.label, s.score ? fmt::format("{} of {}", *s.score, s.max) : "not reported");
  for (const auto& c : r.criteria) rows.emplace_back(c.label, met_text(c.met));
  if (ins.scoring.risk)
    rows.emplace_back("risk", r.risk ? r.risk->label + (r.risk->lower_bound ? " (at least)" : "") : "not assessed");
  if (!r.missing.empty()) rows.emplace_back("missing", fmt::format("{}", fmt::join(r.missing, ", ")));
  return rows;
}

std::string result_text(const Instrument& ins, const ScoreResult& r, const measures::CrisisResources* crisis) {
  std::string out = ins.title + "\n" + aligned(result_rows(ins, r));
  for (const auto& f : r.flags)
    out += fmt::format("{} FLAG {}: {}\n", f.severity == measures::Severity::urgent ? "URGENT" : "REVIEW", f.kind,
                       f.reason);
  for (const auto& n : r.notes) out += fmt::format("note: {}\n", n);
  if (crisis) {
    out += fmt::format("\n{}\n", crisis->message);
    for (const auto& c : crisis->resources) out += fmt::format("  {}: {}\n", c.name, c.instructions);
  }
  return out;
}

int run(const ScoreArgs& a) {
  auto format = parse_format(a.format);
  if (!format || *format == Format::csv)
    return report("score", Error{ErrorCode::invalid_argument, "format",
                                 fmt::format("--format: '{}' is not one of json, table", a.format)});
  const auto data = catalog::default_data_dir();
  auto instruments = catalog::load_instruments(data);
  if (!instruments) return report("score", Error{ErrorCode::internal, "data", instruments.error().message});
  auto ins = instruments->find(a.instrument);
  if (!ins) return report("score", ins.error());
  auto answers = parse_answers(a.answers, **ins);
  if (!answers) return report("score", answers.error());
  auto result = measures::score(**ins, *answers);
  if (!result) return report("score", result.error());
  std::optional<measures::CrisisResources> crisis;
  if (measures::shows_crisis_resources(result->flags)) {
    auto loaded = catalog::load_crisis_resources(data);
    if (!loaded) return report("score", Error{ErrorCode::internal, "data", loaded.error().message});
    crisis = std::move(*loaded);
  }
  const measures::CrisisResources* c = crisis ? &*crisis : nullptr;
  if (*format == Format::json) fmt::print("{}\n", result_json(**ins, *result, c).dump(2));
  else fmt::print("{}", result_text(**ins, *result, c));
  return kExitOk;
}

}  // namespace

void register_score(CLI::App& root, int& exit_code) {
  auto args = std::make_shared<ScoreArgs>();
  auto* cmd = root.add_subcommand("score", "Score a questionnaire: total, band, subscales, criteria, safety flags");
  cmd->footer(
      "Instruments: phq9, gad7, pcl5, cssrs_screener, cadss6, madrs, medical_screening (data/instruments).\n"
      "Examples:\n  ketaclinic score phq9 --answers 2,2,2,2,2,0,0,0,1,2\n"
      "  ketaclinic score cssrs_screener --answers y,y,n,n,n,n --format table");
  cmd->add_option("instrument", args->instrument, "instrument id")->required();
  cmd->add_option("--answers,-a", args->answers,
                  "answers in item order, comma-separated; an empty field (or one left off the end) is "
                  "unanswered; yes/no items take 1/0 or y/n")
      ->required();
  cmd->add_option("--format,-f", args->format, "json or table")->capture_default_str();
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace kc::cli
