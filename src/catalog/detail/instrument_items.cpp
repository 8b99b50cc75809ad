// The FHIR-shaped part of an instrument file: item[] with its answers and skip logic.
#include <fmt/format.h>

#include "catalog/detail/instrument_parts.h"
#include "catalog/detail/json_arrays.h"

namespace kc::catalog::detail {
namespace {

using measures::Instrument;
using measures::Item;
using measures::ItemType;

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

// Ordinals must be 0..n or k..k+n in order, so the answer range is exactly the option set.
Result<void> read_options(const Fields& f, Item& item) {
  auto options = objects(f, "answerOption");
  if (!options) return err(options);
  for (std::size_t i = 0; i < options->size(); ++i) {
    const Fields& o = (*options)[i];
    if (auto ok = o.only({"valueCoding", "ordinalValue"}); !ok) return ok;
    auto value = integer(o, "ordinalValue");
    if (!value) return err(value);
    if (i > 0 && *value != item.options.back().value + 1)
      return std::unexpected(o.error("ordinalValue", "must follow the previous option's value by 1"));
    auto vc = o.object("valueCoding");
    if (!vc) return err(vc);
    auto coding = read_coding(*vc, true);
    if (!coding) return err(coding);
    measures::AnswerOption option{*value, coding->display, std::nullopt};
    if (!coding->code.empty()) option.coding = *coding;
    item.options.push_back(std::move(option));
  }
  item.min_value = item.options.front().value;
  item.max_value = item.options.back().value;
  return {};
}

Result<void> read_range(const Fields& f, Item& item) {
  if (item.type == ItemType::choice) return read_options(f, item);
  if (f.has("answerOption")) return std::unexpected(f.error("answerOption", "is only allowed on choice items"));
  if (item.type == ItemType::boolean) {
    if (f.has("minValue") || f.has("maxValue")) return std::unexpected(f.error("minValue", "is not allowed on a boolean item"));
    item.min_value = 0;
    item.max_value = 1;
    return {};
  }
  auto lo = integer(f, "minValue");
  if (!lo) return err(lo);
  auto hi = integer(f, "maxValue");
  if (!hi) return err(hi);
  if (*hi < *lo) return std::unexpected(f.error("maxValue", "must not be below minValue"));
  item.min_value = *lo;
  item.max_value = *hi;
  return {};
}

// One condition, operator "=", on an earlier item: all our skip logic needs (C-SSRS).
Result<void> read_enable_when(const Fields& f, const Instrument& ins, Item& item) {
  if (!f.has("enableWhen")) return {};
  auto conditions = objects(f, "enableWhen");
  if (!conditions) return err(conditions);
  if (conditions->size() != 1) return std::unexpected(f.error("enableWhen", "supports exactly one condition"));
  const Fields& c = conditions->front();
  if (auto ok = c.only({"question", "operator", "answerBoolean", "answerInteger"}); !ok) return ok;
  auto question = item_ref(c, "question", ins);
  if (!question) return err(question);
  if (auto op = one_of(c, "operator", {"="}); !op) return err(op);
  measures::EnableWhen when{*question, 1};
  if (c.has("answerBoolean")) {
    auto b = c.boolean("answerBoolean", true);
    if (!b) return err(b);
    when.equals = *b ? 1 : 0;
  } else {
    auto n = integer(c, "answerInteger");
    if (!n) return std::unexpected(c.error("answerBoolean", "or answerInteger is required"));
    when.equals = *n;
  }
  item.enable_when = when;
  return {};
}

Result<void> read_text(const Fields& f, Item& item) {
  for (auto [key, target] : {std::pair{"prefix", &item.prefix}, std::pair{"text", &item.text},
                             std::pair{"label", &item.label}, std::pair{"source", &item.source}}) {
    auto v = f.optional_string(key);
    if (!v) return err(v);
    *target = v->value_or("");
  }
  return {};
}

Result<Item> read_item(const Fields& f, const Instrument& ins) {
  if (auto ok = f.only({"linkId", "prefix", "text", "label", "code", "type", "required", "answerOption", "minValue",
                        "maxValue", "enableWhen", "source"});
      !ok)
    return err(ok);
  Item item;
  auto link = f.string("linkId");
  if (!link) return err(link);
  item.link_id = *link;
  if (auto ok = read_text(f, item); !ok) return err(ok);
  auto codes = read_codes(f, "code");
  if (!codes) return err(codes);
  item.codes = *codes;
  auto type = one_of(f, "type", {"choice", "boolean", "integer"});
  if (!type) return err(type);
  item.type = *type == "choice" ? ItemType::choice : *type == "boolean" ? ItemType::boolean : ItemType::integer;
  auto required = f.boolean("required", true);
  if (!required) return err(required);
  item.required = *required;
  if (auto ok = read_range(f, item); !ok) return err(ok);
  if (auto ok = read_enable_when(f, ins, item); !ok) return err(ok);
  return item;
}

}  // namespace

Result<void> read_items(const Fields& root, Instrument& ins) {
  auto items = objects(root, "item");
  if (!items) return err(items);
  for (const Fields& f : *items) {
    auto item = read_item(f, ins);
    if (!item) return err(item);
    if (ins.index_of(item->link_id)) return std::unexpected(f.error("linkId", fmt::format("'{}' is used twice", item->link_id)));
    ins.items.push_back(std::move(*item));
  }
  return {};
}

}  // namespace kc::catalog::detail
