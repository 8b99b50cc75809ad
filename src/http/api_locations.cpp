// Locations, the clinic locator, appointment types, availability and the day board.
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <optional>
#include <set>

#include "clinic/board.h"
#include "http/api.h"
#include "http/codec.h"
#include "http/problem.h"

namespace kc::http {
namespace {

using namespace kc::clinic;
using nlohmann::json;

struct LocationRoutes {
  Scheduler& scheduler;
  ClinicStore& store;
  const Gazetteer& gazetteer;
  SafetyFlags& flags;
};

constexpr std::size_t kDefaultNearest = 3;

// Optional query parameter parsed by `parse(text, field)`; errors are collected.
template <class T, class Parse>
std::optional<T> query_value(const ApiRequest& r, std::string_view name, Parse parse, std::vector<Error>& errors) {
  auto text = r.query_param(name);
  if (!text) return std::nullopt;
  auto v = parse(*text, name);
  if (!v) {
    errors.push_back(v.error());
    return std::nullopt;
  }
  return *v;
}

Result<double> parse_number(std::string_view text, std::string_view field, double limit) {
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || end != text.data() + text.size() || std::abs(v) > limit)
    return fail(ErrorCode::invalid_argument, std::string(field),
                fmt::format("{}: must be a number within ±{}", field, limit));
  return v;
}

// From ?lat=&lon=, ?zip= or ?city= (exactly one way).
Result<Gazetteer::Place> origin(const ApiRequest& r, const Gazetteer& g) {
  const int ways = (r.query_param("lat") || r.query_param("lon")) + !!r.query_param("zip") + !!r.query_param("city");
  if (ways != 1)
    return fail(ErrorCode::invalid_argument, "lat", "lat: give lat and lon, or zip, or city (exactly one)");
  if (auto zip = r.query_param("zip")) return g.zip(*zip, "zip");
  if (auto city = r.query_param("city")) return g.city(*city, "city");
  auto lat = parse_number(r.query_param("lat").value_or(""), "lat", 90);
  auto lon = parse_number(r.query_param("lon").value_or(""), "lon", 180);
  if (!lat) return std::unexpected(lat.error());
  if (!lon) return std::unexpected(lon.error());
  return Gazetteer::Place{fmt::format("{:.4f},{:.4f}", *lat, *lon), {*lat, *lon}};
}

Answer nearest(const LocationRoutes& c, const ApiRequest& r) {
  KC_TRY(auto from, origin(r, c.gazetteer));
  const auto& directory = c.scheduler.directory();
  const AppointmentType* consult = directory.find_type("consultation", "type").value_or(nullptr);
  auto list = json::array();
  for (const auto& n : clinic::nearest(directory, from.point, kDefaultNearest)) {
    json item = {{"location", location_json(directory, *n.location)},
                 {"distance_miles", std::round(n.distance_mi * 10) / 10},
                 {"next_free_consultation", nullptr}};
    if (consult != nullptr) {
      KC_TRY(auto next, c.scheduler.next_free(*n.location, *consult, Mode::in_person));
      if (next) item["next_free_consultation"] = interval_json(*next, n.location->zone);
    }
    list.push_back(std::move(item));
  }
  return json_response(200, {{"from", {{"label", from.name}, {"lat", from.point.lat_deg}, {"lon", from.point.lon_deg}}},
                             {"locations", list}});
}

// A bound of the availability range: a date ("2026-11-02", the start of that
// local day; for `to` the end of it) or an instant with offset.
Result<Instant> range_bound(std::string_view text, std::string_view field, Zone zone, bool end_of_day) {
  if (text.size() == 10) {
    auto day = parse_clinic_date(text, field);
    if (!day) return std::unexpected(day.error());
    return to_instant(date::local_days{*day} + date::days(end_of_day ? 1 : 0), 0, zone);
  }
  return parse_instant(text, field);
}

Answer availability(const LocationRoutes& c, const ApiRequest& r) {
  std::vector<Error> errors;
  AvailabilityRequest q;
  q.location = r.query_param("location").value_or("");
  q.type = r.query_param("type").value_or("");
  if (q.location.empty()) errors.push_back({ErrorCode::invalid_argument, "location", "location: is required"});
  if (q.type.empty()) errors.push_back({ErrorCode::invalid_argument, "type", "type: is required"});
  q.mode = query_value<Mode>(r, "mode", parse_mode, errors).value_or(Mode::in_person);
  auto location = c.scheduler.directory().find_location(q.location, "location");
  if (!errors.empty()) return validation_problem(errors);
  if (!location) return problem(location.error());
  const Zone zone = (*location)->zone;
  auto bound = [&](std::string_view f, bool end) {
    return [=](std::string_view t, std::string_view) { return range_bound(t, f, zone, end); };
  };
  q.from = query_value<Instant>(r, "from", bound("from", false), errors).value_or(c.scheduler.now());
  q.to = query_value<Instant>(r, "to", bound("to", true), errors).value_or(q.from + date::days(7));
  if (!errors.empty()) return validation_problem(errors);
  KC_TRY(auto result, c.scheduler.availability(q));
  return ApiResponse{200, "application/json", availability_body(result, q.from, q.to), {}};
}

Answer schedule(const LocationRoutes& c, const ApiRequest& r) {
  std::vector<Error> errors;
  const auto location = std::string(r.query_param("location").value_or(""));
  if (location.empty()) errors.push_back({ErrorCode::invalid_argument, "location", "location: is required"});
  auto day = query_value<date::year_month_day>(r, "date", parse_clinic_date, errors);
  if (!day && errors.empty()) errors.push_back({ErrorCode::invalid_argument, "date", "date: is required"});
  if (!errors.empty()) return validation_problem(errors);
  KC_TRY(auto board, day_board(c.scheduler.directory(), c.store, location, *day));
  // Whether a patient has an open safety flag, for those who may know it (flags_view).
  std::optional<std::set<Id>> flagged;
  if (r.principal.permissions.has(Permission::flags_view)) {
    std::vector<Id> patients;
    for (const auto& [id, p] : board.patients) patients.push_back(id);
    KC_TRY(auto open, c.flags.flagged(patients));
    flagged = std::move(open);
  }
  auto response = json_response(200, board_json(c.scheduler.directory(), board, flagged ? &*flagged : nullptr));
  response.audit.resource_id = fmt::format("{} {}", location, format_date(*day));
  return response;
}

Answer list_locations(const LocationRoutes& c, const ApiRequest&) {
  auto list = json::array();
  for (const auto& l : c.scheduler.directory().locations()) list.push_back(location_json(c.scheduler.directory(), l));
  return json_response(200, {{"locations", list}});
}

Answer get_location(const LocationRoutes& c, const ApiRequest& r) {
  KC_TRY(auto l, c.scheduler.directory().find_location(r.param("id").value_or(""), "id"));
  return json_response(200, location_json(c.scheduler.directory(), *l));
}

Answer list_types(const LocationRoutes& c, const ApiRequest&) {
  auto list = json::array();
  for (const auto& t : c.scheduler.directory().types()) list.push_back(type_json(t));
  return json_response(200, {{"appointment_types", list}});
}

}  // namespace

void add_location_routes(std::vector<Route>& routes, ApiContext& c) {
  RouteAdder<LocationRoutes> add(routes, {c.scheduler, c.store, c.gazetteer, c.flags});
  add(Method::get, "/api/v1/locations", "listLocations", public_route(), list_locations);
  add(Method::get, "/api/v1/locations/nearest", "nearestLocations", public_route(), nearest);
  add(Method::get, "/api/v1/locations/{id}", "getLocation", public_route(), get_location);
  add(Method::get, "/api/v1/appointment-types", "listAppointmentTypes", public_route(), list_types);
  add(Method::get, "/api/v1/availability", "getAvailability", public_route(), availability);
  add(Method::get, "/api/v1/schedule", "getDaySchedule",
      needs(Permission::schedule_read, "schedule", scope::location_query), schedule);
}

}  // namespace kc::http
