#include "clinic/directory.h"

#include <fmt/format.h>

#include <algorithm>

namespace kc::clinic {
namespace {

template <class T>
const T* by_id(const std::vector<T>& items, Id id) {
  for (const auto& item : items)
    if (item.id == id) return &item;
  return nullptr;
}

template <class T>
const T* by_code(const std::vector<T>& items, std::string_view code) {
  for (const auto& item : items)
    if (item.code == code) return &item;
  return nullptr;
}

template <class T>
std::string known_codes(const std::vector<T>& items) {
  std::string out;
  for (const auto& item : items) out += fmt::format("{}{}", out.empty() ? "" : ", ", item.code);
  return out.empty() ? "(none)" : out;
}

}  // namespace

Directory::Directory(DirectoryData data) : data_(std::move(data)) {
  for (const auto& r : data_.resources) resources_at_[r.location_id].push_back(&r);
  for (const auto& s : data_.staff)
    for (Id location : s.location_ids) staff_at_[location].push_back(&s);
}

const Location* Directory::location(Id id) const { return by_id(data_.locations, id); }
const StaffMember* Directory::staff_member(Id id) const { return by_id(data_.staff, id); }
const Resource* Directory::resource(Id id) const { return by_id(data_.resources, id); }
const AppointmentType* Directory::type(Id id) const { return by_id(data_.types, id); }

Result<const Location*> Directory::find_location(std::string_view code, std::string_view field) const {
  if (const auto* l = by_code(data_.locations, code)) return l;
  return fail(ErrorCode::not_found, std::string(field),
              fmt::format("{}: no location '{}' (known: {})", field, code, known_codes(data_.locations)));
}

Result<const AppointmentType*> Directory::find_type(std::string_view code, std::string_view field) const {
  if (const auto* t = by_code(data_.types, code)) return t;
  return fail(ErrorCode::not_found, std::string(field),
              fmt::format("{}: no appointment type '{}' (known: {})", field, code, known_codes(data_.types)));
}

std::span<const Resource* const> Directory::resources_at(Id location_id) const {
  auto it = resources_at_.find(location_id);
  if (it == resources_at_.end()) return {};
  return it->second;
}

std::span<const StaffMember* const> Directory::staff_at(Id location_id) const {
  auto it = staff_at_.find(location_id);
  if (it == staff_at_.end()) return {};
  return it->second;
}

}  // namespace kc::clinic
