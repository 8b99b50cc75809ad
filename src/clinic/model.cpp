#include "clinic/model.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>

namespace kc::clinic {
namespace {

// Name tables, indexed by the enum's value; parse is the inverse lookup.
constexpr std::string_view kRoles[] = {"prescriber", "nurse", "front_desk", "admin"};
constexpr std::string_view kKinds[] = {"chair", "room"};
constexpr std::string_view kModes[] = {"in_person", "telehealth"};
constexpr std::string_view kSpans[] = {"visit", "service", "prep_and_service"};
constexpr std::string_view kSexes[] = {"female", "male", "other", "unknown"};
constexpr std::string_view kStatuses[] = {"booked",    "checked_in", "in_progress",
                                          "completed", "cancelled",  "no_show"};

template <class E>
Result<E> parse_enum(std::string_view text, std::string_view field, std::span<const std::string_view> names) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (names[i] == text) return static_cast<E>(i);
  std::string list;
  for (auto n : names) list += fmt::format("{}{}", list.empty() ? "" : ", ", n);
  return fail(ErrorCode::invalid_argument, std::string(field),
              fmt::format("{}: '{}' is not one of: {}", field, text, list));
}

}  // namespace

bool Location::closed_on(date::local_days day) const {
  return std::any_of(closures.begin(), closures.end(), [&](const Closure& c) { return c.day == day; });
}

std::string_view to_string(Role role) { return kRoles[static_cast<int>(role)]; }
Result<Role> parse_role(std::string_view text, std::string_view field) {
  return parse_enum<Role>(text, field, kRoles);
}

bool StaffMember::has_role(Role role) const {
  return std::find(roles.begin(), roles.end(), role) != roles.end();
}

std::string_view to_string(ResourceKind kind) { return kKinds[static_cast<int>(kind)]; }
Result<ResourceKind> parse_resource_kind(std::string_view text, std::string_view field) {
  return parse_enum<ResourceKind>(text, field, kKinds);
}

std::string_view to_string(Mode mode) { return kModes[static_cast<int>(mode)]; }
Result<Mode> parse_mode(std::string_view text, std::string_view field) {
  return parse_enum<Mode>(text, field, kModes);
}

std::string_view to_string(Span span) { return kSpans[static_cast<int>(span)]; }
Result<Span> parse_span(std::string_view text, std::string_view field) {
  return parse_enum<Span>(text, field, kSpans);
}

bool AppointmentType::allows(Mode mode) const {
  return std::find(modes.begin(), modes.end(), mode) != modes.end();
}

std::string_view to_string(Sex sex) { return kSexes[static_cast<int>(sex)]; }
Result<Sex> parse_sex(std::string_view text, std::string_view field) {
  return parse_enum<Sex>(text, field, kSexes);
}

std::string_view to_string(Status status) { return kStatuses[static_cast<int>(status)]; }
Result<Status> parse_status(std::string_view text, std::string_view field) {
  return parse_enum<Status>(text, field, kStatuses);
}

bool can_transition(Status from, Status to) {
  switch (from) {
    case Status::booked:
      return to == Status::checked_in || to == Status::cancelled || to == Status::no_show;
    case Status::checked_in:
      return to == Status::in_progress || to == Status::cancelled || to == Status::no_show;
    case Status::in_progress:
      return to == Status::completed;
    case Status::completed:
    case Status::cancelled:
    case Status::no_show:
      return false;
  }
  return false;
}

AppointmentEvent make_event(Id appointment_id, Instant at, const Actor& actor, std::string action,
                            std::optional<Status> from, std::optional<Status> to, std::string reason) {
  AppointmentEvent e;
  e.appointment_id = appointment_id;
  e.at = at;
  e.actor = actor;
  e.action = std::move(action);
  e.from_status = from;
  e.to_status = to;
  e.reason = std::move(reason);
  return e;
}

bool holds_resources(Status status) { return status != Status::cancelled && status != Status::no_show; }

bool in_care_at(const std::vector<CareLocation>& care, Id location_id) {
  return std::any_of(care.begin(), care.end(), [&](const CareLocation& c) { return c.location_id == location_id; });
}

}  // namespace kc::clinic
