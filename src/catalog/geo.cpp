// data/geo/*.json: ZIP code centroids and city centres for the clinic locator.
#include <fmt/format.h>

#include <algorithm>

#include "catalog/clinic_config.h"
#include "catalog/json_lists.h"

namespace kc::catalog {
namespace {

using namespace kc::clinic;

Result<GeoPoint> point_of(const Fields& f) {
  auto lat = f.number("lat"), lon = f.number("lon");
  if (auto e = first_error(lat, lon)) return std::unexpected(*e);
  if (std::abs(*lat) > 90 || std::abs(*lon) > 180) return std::unexpected(f.error("", "lat/lon out of range"));
  return GeoPoint{*lat, *lon};
}

Result<void> add_zips(const Fields& root, Gazetteer& g) {
  auto zips = objects(root, "zips");
  if (!zips) return std::unexpected(zips.error());
  for (const auto& z : *zips) {
    if (auto ok = z.only({"zip", "city", "lat", "lon"}); !ok) return ok;
    auto code = z.string("zip"), city = z.string("city");
    auto p = point_of(z);
    if (auto e = first_error(code, city, p)) return std::unexpected(*e);
    g.add_zip(*code, {fmt::format("{} ({})", *code, *city), *p});
  }
  return {};
}

Result<void> add_cities(const Fields& root, Gazetteer& g) {
  auto cities = objects(root, "cities");
  if (!cities) return std::unexpected(cities.error());
  for (const auto& c : *cities) {
    if (auto ok = c.only({"name", "region", "lat", "lon"}); !ok) return ok;
    auto name = c.string("name"), region = c.string("region");
    auto p = point_of(c);
    if (auto e = first_error(name, region, p)) return std::unexpected(*e);
    g.add_city(*name, *region, {fmt::format("{}, {}", *name, *region), *p});
  }
  return {};
}

}  // namespace

Result<Gazetteer> load_gazetteer(const std::filesystem::path& geo_dir) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(geo_dir, ec))
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  if (files.empty())
    return fail(ErrorCode::not_found, "geo", fmt::format("{}: no gazetteer files found", geo_dir.string()));
  std::sort(files.begin(), files.end());
  Gazetteer g;
  for (const auto& file : files) {
    auto doc = read_json_file(file.string());
    if (!doc) return std::unexpected(doc.error());
    Fields root(*doc, file.string(), "");
    if (auto ok = root.only({"about", "source", "zips", "cities"}); !ok) return std::unexpected(ok.error());
    if (auto ok = add_zips(root, g); !ok) return std::unexpected(ok.error());
    if (auto ok = add_cities(root, g); !ok) return std::unexpected(ok.error());
  }
  return g;
}

}  // namespace kc::catalog
