#include "catalog/intake_set.h"

#include <fmt/format.h>

#include <algorithm>

#include "catalog/json_lists.h"

namespace kc::catalog {
namespace {

Result<void> check_known(const Fields& f, const clinic::IntakeSet& set, const InstrumentCatalog& instruments,
                         const std::vector<clinic::AppointmentType>& types) {
  for (std::size_t i = 0; i < set.instruments.size(); ++i)
    if (!instruments.find(set.instruments[i]))
      return std::unexpected(f.error(fmt::format("instruments[{}]", i),
                                     fmt::format("'{}' is not in data/instruments", set.instruments[i])));
  for (std::size_t i = 0; i < set.appointment_types.size(); ++i) {
    const auto& code = set.appointment_types[i];
    if (std::none_of(types.begin(), types.end(), [&](const auto& t) { return t.code == code; }))
      return std::unexpected(f.error(fmt::format("appointment_types[{}]", i),
                                     fmt::format("'{}' is not an appointment type", code)));
  }
  return {};
}

}  // namespace

Result<clinic::IntakeSet> load_intake_set(const std::filesystem::path& file, const InstrumentCatalog& instruments,
                                          const std::vector<clinic::AppointmentType>& types) {
  auto doc = read_json_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  Fields root(*doc, file.string(), "");
  if (!doc->is_object()) return std::unexpected(root.error("", "must be a JSON object"));
  if (auto ok = root.only({"about", "appointment_types", "instruments", "source"}); !ok) return std::unexpected(ok.error());
  auto kinds = strings(root, "appointment_types");
  auto ids = strings(root, "instruments");
  auto source = root.string("source");
  if (auto e = first_error(kinds, ids, source)) return std::unexpected(*e);
  clinic::IntakeSet set{std::move(*kinds), std::move(*ids), std::move(*source)};
  if (auto ok = check_known(root, set, instruments, types); !ok) return std::unexpected(ok.error());
  return set;
}

}  // namespace kc::catalog
