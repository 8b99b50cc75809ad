#pragma once
// The clinic's things, as plain values: locations and their hours, staff and
// shifts, chairs and rooms, appointment types, patients, appointments and their
// history. No I/O; stores and the HTTP layer convert to and from these.
//
// Ids: every stored row has an integer `id` (0 until stored). Locations,
// resources, staff and appointment types also carry a short stable `code`
// ("allen", "allen-chair-2", "infusion") that URLs and data files use.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "clinic/time.h"

namespace kc::clinic {

using Id = std::int64_t;

// Minutes after local midnight, [begin, end); end may be 1440 (24:00).
struct LocalSpan {
  int begin_min = 0;
  int end_min = 0;
  friend bool operator==(const LocalSpan&, const LocalSpan&) = default;
};

// Opening hours per weekday; index = date::weekday::c_encoding() (0 = Sunday).
struct WeeklyHours {
  std::array<std::vector<LocalSpan>, 7> days;
};

struct Closure {
  date::local_days day;  // the location is closed this whole local day
  std::string reason;
};

struct GeoPoint {
  double lat_deg = 0;
  double lon_deg = 0;
};

struct Address {
  std::string line1, city, region, postal_code, country;
};

struct Location {
  Id id = 0;
  std::string code, name;
  Address address;
  std::string phone;
  std::string zone_name;  // IANA, e.g. "America/Chicago"
  Zone zone = nullptr;    // resolved from zone_name
  GeoPoint position;
  WeeklyHours hours;
  std::vector<Closure> closures;
  bool closed_on(date::local_days day) const;
};

enum class Role { prescriber, nurse, front_desk, admin };
std::string_view to_string(Role role);
Result<Role> parse_role(std::string_view text, std::string_view field);

struct Shift {
  Id location_id = 0;
  date::weekday weekday;
  LocalSpan span;
};

struct StaffMember {
  Id id = 0;
  std::string code, display_name;
  std::vector<Role> roles;
  std::vector<Id> location_ids;  // where this person works
  std::vector<Shift> shifts;     // weekly, local time of the shift's location
  bool has_role(Role role) const;
};

enum class ResourceKind { chair, room };
std::string_view to_string(ResourceKind kind);
Result<ResourceKind> parse_resource_kind(std::string_view text, std::string_view field);

struct Resource {
  Id id = 0;
  Id location_id = 0;
  std::string code, name;
  ResourceKind kind = ResourceKind::chair;
};

enum class Mode { in_person, telehealth };
std::string_view to_string(Mode mode);
Result<Mode> parse_mode(std::string_view text, std::string_view field);

// Which part of a visit a requirement covers. A visit is prep, then service,
// then recovery; turnover buffers before and after extend `visit` reservations
// of resources and staff (cleaning a chair, writing notes) but not the patient's.
enum class Span { visit, service, prep_and_service };
std::string_view to_string(Span span);
Result<Span> parse_span(std::string_view text, std::string_view field);

struct Requirement {
  enum class Kind { resource, staff } kind = Kind::resource;
  ResourceKind resource_kind = ResourceKind::chair;  // when kind == resource
  Role role = Role::prescriber;                      // when kind == staff
  Span span = Span::visit;
  bool exclusive = true;        // false: must be on site (on shift), not reserved
  bool in_person_only = false;  // dropped for telehealth visits
};

struct AppointmentType {
  Id id = 0;
  std::string code, name;
  int prep_min = 0, service_min = 0, recovery_min = 0;
  int buffer_before_min = 0, buffer_after_min = 0;
  std::vector<Mode> modes{Mode::in_person};
  std::vector<Requirement> requirements;
  std::string source;  // citation for the durations (docs: clinical reference)
  int visit_min() const { return prep_min + service_min + recovery_min; }
  bool allows(Mode mode) const;
};

enum class Sex { female, male, other, unknown };  // HL7 FHIR administrative gender
std::string_view to_string(Sex sex);
Result<Sex> parse_sex(std::string_view text, std::string_view field);

struct Patient {
  Id id = 0;
  std::string given_name, family_name;
  date::year_month_day date_of_birth;
  Sex sex = Sex::unknown;
  std::string email, phone;          // empty when not given
  std::optional<double> weight_kg;
  // Enrolment in the SPRAVATO REMS, which esketamine treatment requires
  // before the first session (treatment_gates.h); nullopt: not enrolled.
  std::optional<date::year_month_day> rems_enrolled_on;
  Instant created_at, updated_at;
  std::int64_t version = 0;          // bumped by every update
  std::string display_name() const { return given_name + " " + family_name; }
};

enum class Status { booked, checked_in, in_progress, completed, cancelled, no_show };
std::string_view to_string(Status status);
Result<Status> parse_status(std::string_view text, std::string_view field);
// The lifecycle: booked -> checked_in -> in_progress -> completed, and
// booked/checked_in -> cancelled | no_show. Terminal states have no exits.
bool can_transition(Status from, Status to);
// Whether an appointment in this status holds its resources.
bool holds_resources(Status status);

// What a reservation is of: a resource, a staff member or the patient (a
// patient cannot be in two appointments at once either).
struct ResourceKey {
  enum class Class : std::uint8_t { resource = 1, staff = 2, patient = 3 } cls = Class::resource;
  Id id = 0;
  friend auto operator<=>(const ResourceKey&, const ResourceKey&) = default;
};

struct Reservation {
  ResourceKey key;
  Interval when;
};

struct Appointment {
  Id id = 0;
  Id patient_id = 0;
  Id location_id = 0;
  Id type_id = 0;
  Mode mode = Mode::in_person;
  Interval visit;  // the patient's visit: prep + service + recovery
  Status status = Status::booked;
  std::optional<Id> series_id;
  std::vector<Reservation> reservations;
  Instant created_at, updated_at;
  std::int64_t version = 0;
};

// Who did something. Until accounts exist every request is anonymous; the
// accounts issue fills this from the session.
struct Actor {
  std::string kind = "anonymous";  // "anonymous", "staff", "patient", "system"
  std::string id;
};

// A location where a patient is in care: their record is visible to the staff
// of these locations only (docs/security.md, "Where a patient is in care").
// Added by the patient's first booking, by a booking the patient makes
// themselves, or by a transfer of care from staff of a current care location;
// never removed (append-only).
struct CareLocation {
  Id patient_id = 0;
  Id location_id = 0;
  Instant since;
  Actor by;
  std::string reason;
};
bool in_care_at(const std::vector<CareLocation>& care, Id location_id);

struct AppointmentEvent {
  Id appointment_id = 0;
  Instant at;
  Actor actor;
  std::string action;  // "booked", "cancelled", "rescheduled", "status"
  std::optional<Status> from_status, to_status;
  std::optional<Interval> from_visit, to_visit;
  std::string reason;
};

// An event with no visits set (add from_visit/to_visit as needed).
AppointmentEvent make_event(Id appointment_id, Instant at, const Actor& actor, std::string action,
                            std::optional<Status> from, std::optional<Status> to, std::string reason);

}  // namespace kc::clinic
