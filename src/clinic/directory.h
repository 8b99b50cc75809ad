#pragma once
// The clinic's configuration as one immutable, validated snapshot: locations,
// staff (with shifts), resources and appointment types, indexed for the lookups
// that availability does on every request. Built once (at start-up) from what a
// store loaded; shared read-only between threads.
#include <map>
#include <span>
#include <string_view>
#include <vector>

#include "clinic/model.h"

namespace kc::clinic {

struct DirectoryData {
  std::vector<Location> locations;
  std::vector<StaffMember> staff;
  std::vector<Resource> resources;
  std::vector<AppointmentType> types;
};

// Checks that references resolve (shift at a location the person works at,
// resources at a known location), that zones are known, that every boundary and
// duration is a multiple of kCellMin, and that hours and shifts are ordered and
// do not overlap. ErrorCode::invalid_argument naming the record and field,
// e.g. "locations[allen].hours.mon[1]".
Result<void> validate(const DirectoryData& data);

class Directory {
 public:
  Directory() = default;
  // `data` must have passed validate() and carry ids (as loaded from a store).
  explicit Directory(DirectoryData data);
  // The indexes point into data_, so a copy would dangle; moves keep the buffers.
  Directory(const Directory&) = delete;
  Directory& operator=(const Directory&) = delete;
  Directory(Directory&&) = default;
  Directory& operator=(Directory&&) = default;

  const std::vector<Location>& locations() const { return data_.locations; }
  const std::vector<AppointmentType>& types() const { return data_.types; }
  const std::vector<StaffMember>& staff() const { return data_.staff; }
  const std::vector<Resource>& resources() const { return data_.resources; }

  const Location* location(Id id) const;
  const StaffMember* staff_member(Id id) const;
  const Resource* resource(Id id) const;
  const AppointmentType* type(Id id) const;
  // ErrorCode::not_found naming `field` when the code is unknown.
  Result<const Location*> find_location(std::string_view code, std::string_view field) const;
  Result<const AppointmentType*> find_type(std::string_view code, std::string_view field) const;

  std::span<const Resource* const> resources_at(Id location_id) const;
  std::span<const StaffMember* const> staff_at(Id location_id) const;

 private:
  DirectoryData data_;
  std::map<Id, std::vector<const Resource*>> resources_at_;
  std::map<Id, std::vector<const StaffMember*>> staff_at_;
};

}  // namespace kc::clinic
