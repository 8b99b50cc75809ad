// data/clinic/*.json: appointment types and the booking policy.
#include "catalog/clinic_config.h"

#include <fmt/format.h>

#include "catalog/json_lists.h"

namespace kc::catalog {
namespace {

using namespace kc::clinic;

Result<Fields> open_doc(const nlohmann::json& doc, const std::filesystem::path& file) {
  Fields root(doc, file.string(), "");
  if (!doc.is_object()) return std::unexpected(root.error("", "must be a JSON object"));
  return root;
}

Result<Requirement> parse_requirement(const Fields& f) {
  if (auto ok = f.only({"staff", "resource", "span", "on_site", "in_person_only"}); !ok) return std::unexpected(ok.error());
  Requirement r;
  if (f.has("staff") == f.has("resource")) return std::unexpected(f.error("", "needs exactly one of staff or resource"));
  auto span = f.optional_string("span");
  if (!span) return std::unexpected(span.error());
  auto on_site = f.boolean("on_site", false);
  if (!on_site) return std::unexpected(on_site.error());
  auto in_person = f.boolean("in_person_only", false);
  if (!in_person) return std::unexpected(in_person.error());
  if (*span) {
    auto s = parse_span(**span, f.path() + ".span");
    if (!s) return std::unexpected(f.error("span", s.error().message));
    r.span = *s;
  }
  r.exclusive = !*on_site;
  r.in_person_only = *in_person;
  if (f.has("staff")) {
    auto role = parse_role(f.string("staff").value_or(""), "staff");
    if (!role) return std::unexpected(f.error("staff", role.error().message));
    r.kind = Requirement::Kind::staff;
    r.role = *role;
    return r;
  }
  auto kind = parse_resource_kind(f.string("resource").value_or(""), "resource");
  if (!kind) return std::unexpected(f.error("resource", kind.error().message));
  if (!r.exclusive) return std::unexpected(f.error("on_site", "applies to staff only"));
  r.resource_kind = *kind;
  return r;
}

Result<std::vector<Mode>> parse_modes(const Fields& f) {
  auto names = strings(f, "modes");
  if (!names) return std::unexpected(names.error());
  std::vector<Mode> out;
  for (std::size_t i = 0; i < names->size(); ++i) {
    auto m = parse_mode((*names)[i], "modes");
    if (!m) return std::unexpected(f.error(fmt::format("modes[{}]", i), m.error().message));
    out.push_back(*m);
  }
  return out;
}

Result<AppointmentType> parse_type(const Fields& f) {
  if (auto ok = f.only({"code", "name", "prep", "service", "recovery", "buffer_before", "buffer_after", "modes",
                        "requirements", "source"});
      !ok)
    return std::unexpected(ok.error());
  AppointmentType t;
  auto code = f.string("code"), name = f.string("name"), source = f.string("source");
  if (auto e = first_error(code, name, source)) return std::unexpected(*e);
  t.code = *code, t.name = *name, t.source = *source;
  int* minutes[] = {&t.prep_min, &t.service_min, &t.recovery_min, &t.buffer_before_min, &t.buffer_after_min};
  const char* keys[] = {"prep", "service", "recovery", "buffer_before", "buffer_after"};
  for (int i = 0; i < 5; ++i) {
    auto m = duration_min(f, keys[i]);
    if (!m) return std::unexpected(m.error());
    *minutes[i] = *m;
  }
  auto modes = parse_modes(f);
  if (!modes) return std::unexpected(modes.error());
  t.modes = std::move(*modes);
  auto reqs = objects(f, "requirements");
  if (!reqs) return std::unexpected(reqs.error());
  for (const auto& r : *reqs) {
    auto req = parse_requirement(r);
    if (!req) return std::unexpected(req.error());
    t.requirements.push_back(*req);
  }
  return t;
}

Result<SeriesPolicy> parse_series(const Fields& f) {
  if (auto ok = f.only({"default_count", "default_weekdays", "max_count", "max_span_days", "alternatives_per_date",
                        "source"});
      !ok)
    return std::unexpected(ok.error());
  SeriesPolicy s;
  auto count = integer(f, "default_count", 2, 52), max = integer(f, "max_count", 2, 52);
  auto span = integer(f, "max_span_days", 1, 366), alternatives = integer(f, "alternatives_per_date", 0, 20);
  auto days = weekdays(f, "default_weekdays");
  if (auto e = first_error(count, max, span, alternatives)) return std::unexpected(*e);
  if (!days) return std::unexpected(days.error());
  if (auto src = f.string("source"); !src) return std::unexpected(src.error());
  return SeriesPolicy{*count, *days, *max, *span, *alternatives};
}

Result<BookingPolicy> parse_policy(const Fields& f) {
  if (auto ok = f.only({"about", "slot_step", "min_notice", "horizon_days", "cancel_notice", "reschedule_notice",
                        "max_query_days", "series"});
      !ok)
    return std::unexpected(ok.error());
  BookingPolicy p;
  auto step = duration_min(f, "slot_step"), notice = duration_min(f, "min_notice");
  auto cancel = duration_min(f, "cancel_notice"), reschedule = duration_min(f, "reschedule_notice");
  auto horizon = integer(f, "horizon_days", 1, 730), query = integer(f, "max_query_days", 1, 92);
  if (auto e = first_error(step, notice, cancel, reschedule, horizon, query)) return std::unexpected(*e);
  auto series = f.object("series");
  if (!series) return std::unexpected(series.error());
  auto s = parse_series(*series);
  if (!s) return std::unexpected(s.error());
  return BookingPolicy{*step, *notice, *horizon, *cancel, *reschedule, *query, std::move(*s)};
}

}  // namespace

Result<BookingPolicy> load_booking_policy(const std::filesystem::path& file) {
  auto doc = read_json_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  auto root = open_doc(*doc, file);
  if (!root) return std::unexpected(root.error());
  auto policy = parse_policy(*root);
  if (!policy) return policy;
  if (auto ok = validate(*policy); !ok) {
    // The file carries durations with units ("2h"); the setting "min_notice_min" is the key "min_notice".
    auto error = ok.error();
    if (error.field.ends_with("_min")) error.field.resize(error.field.size() - 4);
    return std::unexpected(in_file(file, std::move(error)));
  }
  return policy;
}

Result<std::vector<AppointmentType>> load_appointment_types(const std::filesystem::path& file) {
  auto doc = read_json_file(file.string());
  if (!doc) return std::unexpected(doc.error());
  auto root = open_doc(*doc, file);
  if (!root) return std::unexpected(root.error());
  if (auto ok = root->only({"about", "appointment_types"}); !ok) return std::unexpected(ok.error());
  auto items = objects(*root, "appointment_types");
  if (!items) return std::unexpected(items.error());
  std::vector<AppointmentType> types;
  for (const auto& item : *items) {
    auto t = parse_type(item);
    if (!t) return std::unexpected(t.error());
    t->id = static_cast<Id>(types.size() + 1);
    types.push_back(std::move(*t));
  }
  DirectoryData check{{}, {}, {}, types};
  if (auto ok = validate(check); !ok) return std::unexpected(in_file(file, ok.error()));
  return types;
}

}  // namespace kc::catalog
