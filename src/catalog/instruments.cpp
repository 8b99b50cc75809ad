#include "catalog/instruments.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/detail/instrument_parts.h"
#include "catalog/detail/json_arrays.h"
#include "catalog/json_fields.h"

namespace kc::catalog {
namespace detail {

template <class T>
std::unexpected<Error> err(const Result<T>& r) { return std::unexpected(r.error()); }

Result<measures::Coding> read_coding(const Fields& f, bool display_required) {
  if (auto ok = f.only({"system", "code", "display"}); !ok) return err(ok);
  measures::Coding c;
  for (auto [key, target] : {std::pair{"system", &c.system}, std::pair{"code", &c.code},
                             std::pair{"display", &c.display}}) {
    auto v = f.optional_string(key);
    if (!v) return err(v);
    *target = v->value_or("");
  }
  if (c.system.empty() != c.code.empty()) return std::unexpected(f.error("code", "and system go together"));
  if (c.code.empty() && c.display.empty()) return std::unexpected(f.error("code", "or display is required"));
  if (display_required && c.display.empty()) return std::unexpected(f.error("display", "is required"));
  return c;
}

Result<std::vector<measures::Coding>> read_codes(const Fields& f, std::string_view key) {
  auto list = optional_objects(f, key);
  if (!list) return err(list);
  std::vector<measures::Coding> out;
  for (const Fields& c : *list) {
    auto coding = read_coding(c);
    if (!coding) return err(coding);
    out.push_back(std::move(*coding));
  }
  return out;
}

Result<std::size_t> item_ref(const Fields& f, std::string_view key, const measures::Instrument& ins) {
  auto link = f.string(key);
  if (!link) return err(link);
  auto i = ins.index_of(*link);
  if (!i) return std::unexpected(f.error(key, fmt::format("'{}' is not an item of this instrument (yet)", *link)));
  return *i;
}

Result<std::vector<std::size_t>> item_refs(const Fields& f, std::string_view key, const measures::Instrument& ins) {
  auto links = strings(f, key);
  if (!links) return err(links);
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < links->size(); ++k) {
    auto i = ins.index_of((*links)[k]);
    if (!i)
      return std::unexpected(f.error(fmt::format("{}[{}]", key, k),
                                     fmt::format("'{}' is not an item of this instrument", (*links)[k])));
    out.push_back(*i);
  }
  return out;
}

}  // namespace detail

namespace {

using detail::err;
using measures::Instrument;

// A core validation error ("scoring.bands[2]: must start at 10 ...") placed in its file.
Error in_file(Error e, const std::string& file_label) {
  e.message = file_label + ": " + e.message;
  return e;
}

Result<void> read_licence(const Fields& root, Instrument& ins) {
  auto f = root.object("licence");
  if (!f) return err(f);
  if (auto ok = f->only({"item_text", "note", "source"}); !ok) return ok;
  auto text = detail::one_of(*f, "item_text", {"shipped", "withheld"});
  auto note = f->string("note");
  auto source = f->string("source");
  if (!text) return err(text);
  if (!note) return err(note);
  if (!source) return err(source);
  ins.licence = measures::Licence{*text == "shipped", *note, *source};
  return {};
}

Result<void> read_header(const Fields& f, Instrument& ins) {
  if (auto type = detail::one_of(f, "resourceType", {"Questionnaire"}); !type) return err(type);
  if (auto status = detail::one_of(f, "status", {"active", "draft", "retired"}); !status) return err(status);
  for (auto [key, target] : {std::pair{"id", &ins.id}, std::pair{"url", &ins.url}, std::pair{"version", &ins.version},
                             std::pair{"name", &ins.name}, std::pair{"title", &ins.title},
                             std::pair{"copyright", &ins.copyright}, std::pair{"source", &ins.source}}) {
    auto v = f.string(key);
    if (!v) return err(v);
    *target = *v;
  }
  auto description = f.optional_string("description");
  if (!description) return err(description);
  ins.description = description->value_or("");
  auto codes = detail::read_codes(f, "code");
  if (!codes) return err(codes);
  ins.codes = *codes;
  auto admin = detail::one_of(f, "administration", {"self_report", "clinician"});
  if (!admin) return err(admin);
  ins.administration = *admin == "clinician" ? measures::Administration::clinician
                                             : measures::Administration::self_report;
  return read_licence(f, ins);
}

}  // namespace

Result<Instrument> parse_instrument(const nlohmann::json& doc, const std::string& file_label) {
  Fields f(doc, file_label, "");
  if (auto ok = f.only({"resourceType", "id", "url", "version", "name", "title", "status", "description", "code",
                        "administration", "copyright", "source", "licence", "item", "scoring", "outcomes"});
      !ok)
    return err(ok);
  Instrument ins;
  for (auto step : {read_header, detail::read_items, detail::read_scoring, detail::read_outcomes})
    if (auto ok = step(f, ins); !ok) return err(ok);
  if (auto ok = measures::validate(ins); !ok) return std::unexpected(in_file(ok.error(), file_label));
  return ins;
}

Result<const Instrument*> InstrumentCatalog::find(std::string_view id) const {
  for (const auto& ins : instruments)
    if (ins.id == id) return &ins;
  std::string known;
  for (const auto& ins : instruments) known += (known.empty() ? "" : ", ") + ins.id;
  return fail(ErrorCode::not_found, "instrument",
              fmt::format("instrument: unknown instrument '{}' (known: {})", id, known));
}

Result<InstrumentCatalog> load_instruments(const std::filesystem::path& data_dir) {
  const auto dir = data_dir / "instruments";
  std::error_code ec;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  if (ec || files.empty())
    return fail(ErrorCode::not_found, "data", fmt::format("{}: no instrument files found", dir.string()));
  std::sort(files.begin(), files.end());
  InstrumentCatalog catalog;
  for (const auto& file : files) {
    auto doc = read_json_file(file.string());
    if (!doc) return err(doc);
    auto ins = parse_instrument(*doc, file.string());
    if (!ins) return err(ins);
    if (ins->id != file.stem().string())
      return fail(ErrorCode::invalid_argument, "id",
                  fmt::format("{}: id: '{}' must equal the file name '{}'", file.string(), ins->id,
                              file.stem().string()));
    catalog.instruments.push_back(std::move(*ins));
  }
  return catalog;
}

}  // namespace kc::catalog
