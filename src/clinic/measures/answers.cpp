#include "clinic/measures/answers.h"

#include <fmt/format.h>

namespace kc::measures {

std::string answer_field(const Instrument& ins, std::size_t item, FieldStyle style) {
  return style == FieldStyle::position ? fmt::format("answers[{}]", item) : "answers." + ins.items[item].link_id;
}

Result<Answers> answers_from_linked(const Instrument& ins, const std::vector<LinkedAnswer>& linked) {
  Answers answers(ins.items.size());
  std::vector<bool> seen(ins.items.size(), false);
  for (const auto& a : linked) {
    const std::string field = "answers." + a.link_id;
    auto i = ins.index_of(a.link_id);
    if (!i)
      return fail(ErrorCode::invalid_argument, field,
                  fmt::format("{}: '{}' is not an item of {}", field, a.link_id, ins.id));
    if (seen[*i]) return fail(ErrorCode::invalid_argument, field, fmt::format("{}: answered twice", field));
    seen[*i] = true;
    answers[*i] = a.value;
  }
  return answers;
}

// FHIR semantics: an item whose controlling question is unanswered is not enabled.
bool is_enabled(const Instrument& ins, const Answers& answers, std::size_t item) {
  const auto& when = ins.items[item].enable_when;
  if (!when) return true;
  const auto& controller = answers[when->question];
  return controller && *controller == when->equals && is_enabled(ins, answers, when->question);
}

namespace {

std::string range_text(const Item& item) {
  if (item.type == ItemType::boolean) return "0 (no) or 1 (yes)";
  return fmt::format("{}-{}", item.min_value, item.max_value);
}

}  // namespace

Result<void> check_answers(const Instrument& ins, const Answers& answers, FieldStyle style) {
  if (answers.size() != ins.items.size())
    return fail(ErrorCode::invalid_argument, "answers",
                fmt::format("answers: {} has {} items, got {} answers", ins.id, ins.items.size(), answers.size()));
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (!answers[i]) continue;
    const Item& item = ins.items[i];
    const std::string field = answer_field(ins, i, style);
    if (*answers[i] < item.min_value || *answers[i] > item.max_value)
      return fail(ErrorCode::invalid_argument, field,
                  fmt::format("{} ({}): {} is outside {}", field, item.link_id, *answers[i], range_text(item)));
    if (!is_enabled(ins, answers, i)) {
      const Item& q = ins.items[item.enable_when->question];
      const int v = item.enable_when->equals;
      const std::string wanted = q.type == ItemType::boolean ? (v == 1 ? "yes" : "no") : std::to_string(v);
      return fail(ErrorCode::invalid_argument, field,
                  fmt::format("{} ({}): must be left blank unless {} is answered {}", field, item.link_id,
                              q.link_id, wanted));
    }
  }
  return {};
}

}  // namespace kc::measures
