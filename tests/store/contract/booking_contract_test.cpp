// The contract of AppointmentStore (clinic/ports.h) on every backend of
// backends.h: bookings and changes as planned, with no check in code before
// the store's own, so that what is refused is refused by the store.
#include "clinic_contract.h"

namespace kc::contract {
namespace {

using clinic::Appointment;
using clinic::Id;
using clinic::Status;

template <class Backend>
class BookingContract : public ClinicContract<Backend> {};
TYPED_TEST_SUITE(BookingContract, ClinicBackends, BackendName);

std::vector<Id> ids(const std::vector<Appointment>& appointments) {
  std::vector<Id> out;
  for (const auto& a : appointments) out.push_back(a.id);
  return out;
}

TYPED_TEST(BookingContract, ABookingReadsBackWithItsIdReservationsAndVersionOne) {
  const Id p = this->new_patient();
  const auto held = std::vector{this->chair("2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z"),
                                this->person("nurse", "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z")};
  const auto stored = this->insert(this->booking({this->visit(p, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", held)}));
  ASSERT_TRUE(stored.has_value()) << stored.error().message;
  EXPECT_FALSE(stored->replayed);
  ASSERT_EQ(stored->appointments.size(), 1u);
  const Appointment read = this->store().appointment(stored->appointments[0].id).value();
  EXPECT_NE(read.id, 0);
  EXPECT_EQ(read.version, 1);
  EXPECT_EQ(read.status, Status::booked);
  EXPECT_EQ(read.patient_id, p);
  EXPECT_EQ(read.location_id, this->location("test"));
  EXPECT_EQ(read.type_id, this->type("infusion"));
  EXPECT_EQ(read.visit, (clinic::Interval{at("2026-11-02T15:00:00Z"), at("2026-11-02T16:00:00Z")}));
  EXPECT_FALSE(read.series_id.has_value());
  EXPECT_EQ(described(read.reservations), described(held));
  const auto history = this->store().history(read.id).value();
  ASSERT_EQ(history.size(), 1u);
  EXPECT_EQ(history[0].action, "booked");
  EXPECT_EQ(history[0].to_status, Status::booked);
  EXPECT_EQ(history[0].actor.kind, "system");
}

TYPED_TEST(BookingContract, AReservationOverlappingOneHeldIsRefusedAndNothingIsWritten) {
  const Id p = this->new_patient(), q = this->new_patient("Blake");
  ASSERT_TRUE(this->insert(this->booking({this->visit(p, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z",
                                                      {this->chair("2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z")})})));
  // One 5-minute step of overlap on the chair.
  const auto taken = this->insert(this->booking({this->visit(q, "2026-11-02T15:55:00Z", "2026-11-02T16:55:00Z",
                                                             {this->chair("2026-11-02T15:55:00Z", "2026-11-02T16:55:00Z")})}));
  ASSERT_FALSE(taken.has_value());
  EXPECT_EQ(taken.error().code, ErrorCode::conflict);
  EXPECT_EQ(taken.error().reason, "slot_taken");
  EXPECT_TRUE(this->store().appointments_of(q)->empty());
  // Back to back is no overlap.
  EXPECT_TRUE(this->insert(this->booking({this->visit(q, "2026-11-02T16:00:00Z", "2026-11-02T17:00:00Z",
                                                      {this->chair("2026-11-02T16:00:00Z", "2026-11-02T17:00:00Z")})})));
}

TYPED_TEST(BookingContract, ABookingOfSeveralAppointmentsIsAllOrNothingAndASeriesSharesItsId) {
  const Id p = this->new_patient(), q = this->new_patient("Blake");
  ASSERT_TRUE(this->insert(this->booking({this->visit(p, "2026-11-04T15:00:00Z", "2026-11-04T16:00:00Z",
                                                      {this->chair("2026-11-04T15:00:00Z", "2026-11-04T16:00:00Z")})})));
  auto first = this->visit(q, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z",
                           {this->chair("2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z")});
  auto clash = this->visit(q, "2026-11-04T15:30:00Z", "2026-11-04T16:30:00Z",
                           {this->chair("2026-11-04T15:30:00Z", "2026-11-04T16:30:00Z")});
  const auto refused = this->insert(this->booking({first, clash}, true));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().reason, "slot_taken");
  EXPECT_TRUE(this->store().appointments_of(q)->empty());
  EXPECT_TRUE(this->store().busy_of(first.reservations[0].key, first.visit)->empty());

  auto free = this->visit(q, "2026-11-04T16:00:00Z", "2026-11-04T17:00:00Z",
                          {this->chair("2026-11-04T16:00:00Z", "2026-11-04T17:00:00Z")});
  const auto series = this->insert(this->booking({first, free}, true)).value().appointments;
  ASSERT_EQ(series.size(), 2u);
  EXPECT_NE(series[0].id, series[1].id);
  ASSERT_TRUE(series[0].series_id.has_value());
  EXPECT_EQ(series[0].series_id, series[1].series_id);
  const auto other = this->insert(this->booking({this->visit(p, "2026-11-09T15:00:00Z", "2026-11-09T16:00:00Z", {}),
                                                 this->visit(p, "2026-11-10T15:00:00Z", "2026-11-10T16:00:00Z", {})},
                                                true));
  EXPECT_NE(other.value().appointments[0].series_id, series[0].series_id);
}

TYPED_TEST(BookingContract, TwoAppointmentsOfOneBookingMayNotOverlapEachOther) {
  const Id p = this->new_patient(), q = this->new_patient("Blake");
  const auto r = this->insert(this->booking({this->visit(p, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z",
                                                         {this->chair("2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z")}),
                                             this->visit(q, "2026-11-02T15:30:00Z", "2026-11-02T16:30:00Z",
                                                         {this->chair("2026-11-02T15:30:00Z", "2026-11-02T16:30:00Z")})}));
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.error().reason, "slot_taken");
  EXPECT_TRUE(this->store().appointments_of(p)->empty());
}

TYPED_TEST(BookingContract, APlanSeesWhatIsHeldAndItsErrorOrEmptyBookingWritesNothing) {
  const Id p = this->new_patient();
  const auto held = this->chair("2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z");
  ASSERT_TRUE(this->insert(this->booking({this->visit(p, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", {held})})));
  std::size_t seen = 0;
  const auto refused = this->store().insert_booking({"key-plan", "A"}, [&](clinic::AppointmentReader& tx)
                                                                            -> Result<clinic::NewBooking> {
    seen = tx.busy_of(held.key, {at("2026-11-02T00:00:00Z"), at("2026-11-03T00:00:00Z")}).value().size();
    return fail(ErrorCode::invalid_argument, "start", "outside the opening hours");
  });
  EXPECT_EQ(seen, 1u);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(refused.error().field, "start");
  const auto empty = this->insert(this->booking({}));
  ASSERT_TRUE(empty.has_value());
  EXPECT_TRUE(empty->appointments.empty());
  EXPECT_EQ(this->store().appointments_of(p)->size(), 1u);
  // The key of the refused request was not used up.
  const auto later = this->insert(this->booking({this->visit(p, "2026-11-05T15:00:00Z", "2026-11-05T16:00:00Z", {})}),
                                  {"key-plan", "B"});
  EXPECT_TRUE(later.has_value());
}

TYPED_TEST(BookingContract, AnIdempotencyKeyReplaysTheBookingWithoutPlanningAndRefusesAnotherRequest) {
  const Id p = this->new_patient();
  const auto b = this->booking({this->visit(p, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z",
                                            {this->chair("2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z")})});
  const auto first = this->insert(b, {"key-1", "request A"});
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(first->replayed);
  int planned = 0;
  const auto again = this->store().insert_booking({"key-1", "request A"}, [&](clinic::AppointmentReader&)
                                                                               -> Result<clinic::NewBooking> {
    ++planned;
    return b;
  });
  ASSERT_TRUE(again.has_value()) << again.error().message;
  EXPECT_TRUE(again->replayed);
  EXPECT_EQ(planned, 0);
  EXPECT_EQ(ids(again->appointments), ids(first->appointments));
  const auto reused = this->insert(b, {"key-1", "request B"});
  ASSERT_FALSE(reused.has_value());
  EXPECT_EQ(reused.error().code, ErrorCode::precondition_failed);
  EXPECT_EQ(reused.error().reason, "idempotency_key_reused");
  EXPECT_EQ(this->store().appointments_of(p)->size(), 1u);
}

TYPED_TEST(BookingContract, AChangeBumpsTheVersionIsRecordedAndAStaleChangeIsRefused) {
  const Id p = this->new_patient();
  const auto a = this->insert(this->booking({this->visit(p, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", {})}))
                     .value()
                     .appointments.at(0);
  const auto checked_in = this->change(a.id, 1, Status::checked_in);
  ASSERT_TRUE(checked_in.has_value()) << checked_in.error().message;
  EXPECT_EQ(checked_in->version, 2);
  EXPECT_EQ(checked_in->status, Status::checked_in);
  EXPECT_EQ(this->store().appointment(a.id)->status, Status::checked_in);
  const auto stale = this->change(a.id, 1, Status::cancelled);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::conflict);
  EXPECT_EQ(stale.error().reason, "stale_version");
  EXPECT_EQ(this->store().appointment(a.id)->status, Status::checked_in);
  const auto history = this->store().history(a.id).value();
  ASSERT_EQ(history.size(), 2u);  // booked, checked in; the stale change left nothing
  EXPECT_EQ(history[1].to_status, Status::checked_in);
  EXPECT_EQ(history[1].reason, "contract");
  EXPECT_EQ(this->change(12345, 1, Status::cancelled).error().code, ErrorCode::not_found);
}

TYPED_TEST(BookingContract, ACancelledAppointmentReleasesItsReservations) {
  const Id p = this->new_patient(), q = this->new_patient("Blake");
  const auto seat = this->chair("2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z");
  const auto a = this->insert(this->booking({this->visit(p, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", {seat})}))
                     .value()
                     .appointments.at(0);
  EXPECT_EQ(this->store().busy_of(seat.key, seat.when)->size(), 1u);
  ASSERT_TRUE(this->change(a.id, 1, Status::cancelled).has_value());
  EXPECT_TRUE(this->store().busy_of(seat.key, seat.when)->empty());
  EXPECT_TRUE(this->store().busy_at(this->location("test"), seat.when)->empty());
  EXPECT_TRUE(this->insert(this->booking({this->visit(q, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", {seat})})));
  EXPECT_EQ(this->store().appointment(a.id)->status, Status::cancelled);  // the record stays
}

TYPED_TEST(BookingContract, ARescheduleOntoAHeldReservationIsRefusedAndKeepsTheOldOne) {
  const Id p = this->new_patient(), q = this->new_patient("Blake");
  const auto mine = this->chair("2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z");
  const auto theirs = this->chair("2026-11-03T15:00:00Z", "2026-11-03T16:00:00Z");
  const auto a = this->insert(this->booking({this->visit(p, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", {mine})}))
                     .value()
                     .appointments.at(0);
  ASSERT_TRUE(this->insert(this->booking({this->visit(q, "2026-11-03T15:00:00Z", "2026-11-03T16:00:00Z", {theirs})})));
  const auto refused = this->change(a.id, 1, Status::booked, std::vector{theirs}, theirs.when);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().reason, "slot_taken");
  EXPECT_EQ(this->store().appointment(a.id)->visit, mine.when);
  EXPECT_EQ(this->store().busy_of(mine.key, mine.when)->size(), 1u);
  const auto later = this->chair("2026-11-02T16:00:00Z", "2026-11-02T17:00:00Z");  // overlaps nothing but itself
  const auto moved = this->change(a.id, 1, Status::booked, std::vector{later}, later.when);
  ASSERT_TRUE(moved.has_value()) << moved.error().message;
  EXPECT_EQ(moved->visit, later.when);
  EXPECT_EQ(moved->version, 2);
  EXPECT_TRUE(this->store().busy_of(mine.key, {at("2026-11-02T15:00:00Z"), at("2026-11-02T15:30:00Z")})->empty());
}

TYPED_TEST(BookingContract, ListingsAreInStartOrderAndFilteredByLocationRangeAndPatient) {
  const Id p = this->new_patient(), q = this->new_patient("Blake");
  auto b = [&](Id who, const char* begin, const char* end, std::string_view where = "test") {
    return this->insert(this->booking({this->visit(who, begin, end, {}, where)})).value().appointments.at(0).id;
  };
  const Id late = b(p, "2026-11-02T18:00:00Z", "2026-11-02T19:00:00Z");
  const Id early = b(q, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z");
  const Id elsewhere = b(p, "2026-11-02T16:00:00Z", "2026-11-02T17:00:00Z", "allday");
  const Id next_day = b(p, "2026-11-03T15:00:00Z", "2026-11-03T16:00:00Z");
  const Id test = this->location("test");
  const clinic::Interval day{at("2026-11-02T00:00:00Z"), at("2026-11-03T00:00:00Z")};
  EXPECT_EQ(ids(this->store().appointments_at(test, day).value()), (std::vector<Id>{early, late}));
  EXPECT_EQ(ids(this->store().appointments_at(test, {at("2026-11-02T15:30:00Z"), at("2026-11-02T18:00:00Z")}).value()),
            std::vector<Id>{early});  // overlapping the range, not touching it
  EXPECT_EQ(ids(this->store().appointments_of(p).value()), (std::vector<Id>{elsewhere, late, next_day}));
  EXPECT_EQ(ids(this->store().appointments_of(q).value()), std::vector<Id>{early});
}

TYPED_TEST(BookingContract, BusyAtShowsTheLocationsReservationsAndItsStaffWhereverBooked) {
  const Id p = this->new_patient(), q = this->new_patient("Blake");
  // The nurse of "test" lends a hand at "allday"; the patient's own reservation is not the location's.
  ASSERT_TRUE(this->insert(this->booking(
      {this->visit(p, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z",
                   {this->chair("2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", "allday-chair"),
                    this->person("nurse", "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z"),
                    {{clinic::ResourceKey::Class::patient, p}, {at("2026-11-02T15:00:00Z"), at("2026-11-02T16:00:00Z")}}},
                   "allday")})));
  ASSERT_TRUE(this->insert(this->booking({this->visit(q, "2026-11-02T17:00:00Z", "2026-11-02T18:00:00Z",
                                                      {this->chair("2026-11-02T17:00:00Z", "2026-11-02T18:00:00Z")})})));
  const clinic::Interval day{at("2026-11-02T00:00:00Z"), at("2026-11-03T00:00:00Z")};
  const auto nurse = this->person("nurse", "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z");
  EXPECT_EQ(described(this->store().busy_at(this->location("test"), day).value()),
            described({nurse, this->chair("2026-11-02T17:00:00Z", "2026-11-02T18:00:00Z")}));
  EXPECT_EQ(described(this->store().busy_at(this->location("allday"), day).value()),
            described({this->chair("2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", "allday-chair"), nurse}));
  EXPECT_EQ(this->store().busy_of({clinic::ResourceKey::Class::patient, p}, day)->size(), 1u);
  EXPECT_TRUE(this->store().busy_of(nurse.key, {at("2026-11-02T16:00:00Z"), at("2026-11-02T17:00:00Z")})->empty());
}

TYPED_TEST(BookingContract, ABookingPlacesThePatientInCareInTheSameWrite) {
  const Id p = this->new_patient();
  auto b = this->booking({this->visit(p, "2026-11-02T15:00:00Z", "2026-11-02T16:00:00Z", {})});
  b.care = clinic::CareLocation{p, this->location("test"), at("2026-10-01T00:00:00Z"), {"patient", "1"}, "first booking"};
  ASSERT_TRUE(this->insert(b).has_value());
  const auto care = this->store().care_of(p).value();
  ASSERT_EQ(care.size(), 1u);
  EXPECT_EQ(care[0].location_id, this->location("test"));
  EXPECT_EQ(care[0].reason, "first booking");
}

}  // namespace
}  // namespace kc::contract
