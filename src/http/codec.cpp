#include "http/codec.h"

#include <fmt/format.h>

namespace kc::http {
namespace {

using namespace kc::clinic;
using nlohmann::json;

constexpr std::string_view kDays[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

json hours_json(const WeeklyHours& hours) {
  json out = json::object();
  for (int d = 0; d < 7; ++d) {
    auto spans = json::array();
    for (const auto& s : hours.days[d])
      spans.push_back(fmt::format("{}-{}", format_time_of_day(s.begin_min), format_time_of_day(s.end_min)));
    out[std::string(kDays[d])] = std::move(spans);
  }
  return out;
}

json roles_json(const StaffMember& s) {
  auto roles = json::array();
  for (Role r : s.roles) roles.push_back(to_string(r));
  return roles;
}

// A reservation as the appointment shows it; the patient's own is left out.
std::optional<json> reservation_json(const Directory& d, const Reservation& r, Zone zone) {
  json out = interval_json(r.when, zone);
  if (r.key.cls == ResourceKey::Class::resource) {
    const Resource* res = d.resource(r.key.id);
    if (res == nullptr) return std::nullopt;
    out.update({{"kind", to_string(res->kind)}, {"id", res->code}, {"name", res->name}});
    return out;
  }
  if (r.key.cls == ResourceKey::Class::staff) {
    const StaffMember* s = d.staff_member(r.key.id);
    if (s == nullptr) return std::nullopt;
    out.update({{"kind", "staff"}, {"id", s->code}, {"name", s->display_name}, {"roles", roles_json(*s)}});
    return out;
  }
  return std::nullopt;
}

json summary_json(const Directory& d, const Appointment& a, const std::map<Id, Patient>& patients,
                  const std::set<Id>* flagged) {
  const Location* l = d.location(a.location_id);
  const AppointmentType* t = d.type(a.type_id);
  json out = interval_json(a.visit, l->zone);
  out.update({{"id", a.id}, {"status", to_string(a.status)}, {"type", t ? t->code : ""}, {"mode", to_string(a.mode)}});
  if (auto it = patients.find(a.patient_id); it != patients.end()) {
    out["patient"] = {{"id", a.patient_id}, {"name", it->second.display_name()}};
    if (flagged) out["patient"]["safety_flag"] = flagged->contains(a.patient_id);
  }
  return out;
}

json lane_json(const Directory& d, const BoardLane& lane, Zone zone) {
  json out;
  if (lane.key.cls == ResourceKey::Class::resource) {
    const Resource* r = d.resource(lane.key.id);
    out = {{"id", r->code}, {"name", r->name}, {"kind", to_string(r->kind)}};
  } else {
    const StaffMember* s = d.staff_member(lane.key.id);
    auto shifts = json::array();
    for (const auto& i : lane.shifts) shifts.push_back(interval_json(i, zone));
    out = {{"id", s->code}, {"name", s->display_name}, {"roles", roles_json(*s)}, {"shifts", shifts}};
  }
  out["appointment_ids"] = lane.appointment_ids;
  return out;
}

}  // namespace

std::string to_body(const json& doc) { return doc.dump(-1, ' ', false, json::error_handler_t::replace); }

json interval_json(const Interval& i, Zone zone) {
  return {{"start", format_instant(i.begin, zone)}, {"end", format_instant(i.end, zone)}};
}

json location_json(const Directory& d, const Location& l) {
  auto resources = json::array();
  for (const Resource* r : d.resources_at(l.id))
    resources.push_back({{"id", r->code}, {"name", r->name}, {"kind", to_string(r->kind)}});
  auto closures = json::array();
  for (const auto& c : l.closures) closures.push_back({{"date", format_date(date::year_month_day{c.day})}, {"reason", c.reason}});
  return {{"id", l.code},
          {"name", l.name},
          {"address", {{"line1", l.address.line1}, {"city", l.address.city}, {"region", l.address.region},
                       {"postal_code", l.address.postal_code}, {"country", l.address.country}}},
          {"phone", l.phone},
          {"time_zone", l.zone_name},
          {"position", {{"lat", l.position.lat_deg}, {"lon", l.position.lon_deg}}},
          {"hours", hours_json(l.hours)},
          {"closures", closures},
          {"resources", resources}};
}

json type_json(const AppointmentType& t) {
  auto modes = json::array();
  for (Mode m : t.modes) modes.push_back(to_string(m));
  return {{"id", t.code}, {"name", t.name}, {"visit_minutes", t.visit_min()},
          {"phases", {{"prep_minutes", t.prep_min}, {"service_minutes", t.service_min},
                      {"recovery_minutes", t.recovery_min}}},
          {"modes", modes}, {"source", t.source}};
}

json appointment_json(const Directory& d, const Appointment& a) {
  const Location* l = d.location(a.location_id);
  const AppointmentType* t = d.type(a.type_id);
  auto resources = json::array();
  for (const auto& r : a.reservations)
    if (auto j = reservation_json(d, r, l->zone)) resources.push_back(std::move(*j));
  json out = {{"id", a.id}, {"patient_id", a.patient_id}, {"location", l->code}, {"type", t ? t->code : ""},
              {"mode", to_string(a.mode)}, {"status", to_string(a.status)}};
  out.update(interval_json(a.visit, l->zone));
  out.update({{"time_zone", l->zone_name},
              {"series_id", a.series_id ? json(*a.series_id) : json(nullptr)},
              {"resources", resources},
              {"version", a.version},
              {"created_at", format_instant(a.created_at, l->zone)},
              {"updated_at", format_instant(a.updated_at, l->zone)},
              {"links", {{"self", fmt::format("/api/v1/appointments/{}", a.id)},
                         {"ics", fmt::format("/api/v1/appointments/{}.ics", a.id)}}}});
  return out;
}

json event_json(const AppointmentEvent& e, Zone zone) {
  json out = {{"at", format_instant(e.at, zone)}, {"actor", {{"kind", e.actor.kind}, {"id", e.actor.id}}},
              {"action", e.action}, {"reason", e.reason}};
  if (e.from_status) out["from_status"] = to_string(*e.from_status);
  if (e.to_status) out["to_status"] = to_string(*e.to_status);
  if (e.from_visit) out["from"] = interval_json(*e.from_visit, zone);
  if (e.to_visit) out["to"] = interval_json(*e.to_visit, zone);
  return out;
}

json patient_json(const Patient& p) {
  // Patient records carry no location, so their timestamps are written in UTC.
  static const Zone utc = date::locate_zone("Etc/UTC");
  return {{"id", p.id},
          {"given_name", p.given_name},
          {"family_name", p.family_name},
          {"date_of_birth", format_date(p.date_of_birth)},
          {"sex", to_string(p.sex)},
          {"email", p.email.empty() ? json(nullptr) : json(p.email)},
          {"phone", p.phone.empty() ? json(nullptr) : json(p.phone)},
          {"weight", p.weight_kg ? json(fmt::format("{:.1f}kg", *p.weight_kg)) : json(nullptr)},
          {"rems_enrolled_on", p.rems_enrolled_on ? json(format_date(*p.rems_enrolled_on)) : json(nullptr)},
          {"version", p.version},
          {"created_at", format_instant(p.created_at, utc)},
          {"updated_at", format_instant(p.updated_at, utc)}};
}

json board_json(const Directory& d, const DayBoard& board, const std::set<Id>* flagged) {
  const Zone zone = board.location->zone;
  auto open = json::array(), appointments = json::array(), resources = json::array(), clinicians = json::array();
  for (const auto& i : board.open) open.push_back(interval_json(i, zone));
  for (const auto& a : board.appointments) appointments.push_back(summary_json(d, a, board.patients, flagged));
  for (const auto& lane : board.resources) resources.push_back(lane_json(d, lane, zone));
  for (const auto& lane : board.clinicians) clinicians.push_back(lane_json(d, lane, zone));
  return {{"location", board.location->code}, {"date", format_date(board.date)},
          {"time_zone", board.location->zone_name}, {"open", open}, {"resources", resources},
          {"clinicians", clinicians}, {"appointments", appointments}};
}

std::string availability_body(const Availability& a, Instant from, Instant to) {
  InstantWriter instants(a.location->zone);
  std::string out;
  out.reserve(160 + a.slots.size() * 70);
  out += fmt::format(R"({{"location":"{}","type":"{}","mode":"{}","time_zone":"{}","from":")", a.location->code,
                     a.type->code, to_string(a.mode), a.location->zone_name);
  instants.append(out, from);
  out += R"(","to":")";
  instants.append(out, to);
  out += R"(","slots":[)";
  for (std::size_t i = 0; i < a.slots.size(); ++i) {
    out += i == 0 ? R"({"start":")" : R"(,{"start":")";
    instants.append(out, a.slots[i].begin);
    out += R"(","end":")";
    instants.append(out, a.slots[i].end);
    out += R"("})";
  }
  out += "]}";
  return out;
}

}  // namespace kc::http
