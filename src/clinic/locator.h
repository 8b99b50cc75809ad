#pragma once
// "Find a clinic near you": great-circle distance from a point (given directly,
// or looked up from a US ZIP code or a city name) to each location.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/directory.h"

namespace kc::clinic {

// Mean Earth radius 3958.8 mi (IUGG mean radius 6371.0088 km); haversine formula.
double distance_miles(GeoPoint a, GeoPoint b);

// Known places: ZIP code centroids and city centres (data/geo/, approximate).
class Gazetteer {
 public:
  struct Place {
    std::string name;  // "Allen, TX" or "75013"
    GeoPoint point;
  };
  void add_zip(std::string zip, Place place);
  void add_city(std::string name, std::string region, Place place);

  // not_found naming `field` ("zip"/"city"); a ZIP must be five digits
  // (invalid_argument otherwise). Cities match case-insensitively, with or
  // without ", TX".
  Result<Place> zip(std::string_view code, std::string_view field) const;
  Result<Place> city(std::string_view name, std::string_view field) const;
  std::size_t size() const { return zips_.size() + cities_.size(); }

 private:
  std::map<std::string, Place, std::less<>> zips_;
  std::map<std::string, Place, std::less<>> cities_;  // key: lower-case "allen" and "allen, tx"
};

struct Nearby {
  const Location* location = nullptr;
  double distance_mi = 0;
};

// Locations sorted by distance from `from`, at most `limit`.
std::vector<Nearby> nearest(const Directory& directory, GeoPoint from, std::size_t limit);

}  // namespace kc::clinic
