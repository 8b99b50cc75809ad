#include "clinic/locator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <numbers>

namespace kc::clinic {
namespace {

constexpr double kEarthRadiusMi = 3958.8;

double radians(double deg) { return deg * std::numbers::pi / 180.0; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// "  Allen ,TX " -> "allen, tx": lower case, parts split at commas and trimmed.
std::string canonical_city(std::string_view name) {
  std::string out;
  for (std::size_t begin = 0; begin <= name.size();) {
    auto comma = name.find(',', begin);
    if (comma == std::string_view::npos) comma = name.size();
    if (!out.empty()) out += ", ";
    out += lower(trimmed(name.substr(begin, comma - begin)));
    begin = comma + 1;
  }
  return out;
}

}  // namespace

double distance_miles(GeoPoint a, GeoPoint b) {
  const double dlat = radians(b.lat_deg - a.lat_deg), dlon = radians(b.lon_deg - a.lon_deg);
  const double h = std::pow(std::sin(dlat / 2), 2) +
                   std::cos(radians(a.lat_deg)) * std::cos(radians(b.lat_deg)) * std::pow(std::sin(dlon / 2), 2);
  return 2 * kEarthRadiusMi * std::asin(std::min(1.0, std::sqrt(h)));
}

void Gazetteer::add_zip(std::string zip, Place place) { zips_.insert_or_assign(std::move(zip), std::move(place)); }

void Gazetteer::add_city(std::string name, std::string region, Place place) {
  cities_.insert_or_assign(canonical_city(fmt::format("{}, {}", name, region)), place);
  cities_.try_emplace(canonical_city(name), std::move(place));  // the first city of a name wins the bare name
}

Result<Gazetteer::Place> Gazetteer::zip(std::string_view code, std::string_view field) const {
  const bool five_digits = code.size() == 5 && std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; });
  if (!five_digits)
    return fail(ErrorCode::invalid_argument, std::string(field), fmt::format("{}: '{}' is not a 5-digit ZIP code", field, code));
  auto it = zips_.find(code);
  if (it == zips_.end())
    return fail(ErrorCode::not_found, std::string(field), fmt::format("{}: ZIP code {} is not in the gazetteer", field, code));
  return it->second;
}

Result<Gazetteer::Place> Gazetteer::city(std::string_view name, std::string_view field) const {
  auto it = cities_.find(canonical_city(name));
  if (it == cities_.end())
    return fail(ErrorCode::not_found, std::string(field), fmt::format("{}: '{}' is not a city in the gazetteer", field, name));
  return it->second;
}

std::vector<Nearby> nearest(const Directory& directory, GeoPoint from, std::size_t limit) {
  std::vector<Nearby> out;
  for (const auto& l : directory.locations()) out.push_back({&l, distance_miles(from, l.position)});
  std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.distance_mi < b.distance_mi; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

}  // namespace kc::clinic
