#include "clinic/flag_inbox.h"

#include <fmt/format.h>

#include <algorithm>

#include "clinic/time.h"

namespace kc::clinic {

std::optional<std::string> answer_text(const measures::Instrument& instrument, const Submission& submission,
                                       const std::string& trigger) {
  auto item = std::find_if(instrument.items.begin(), instrument.items.end(),
                           [&](const measures::Item& i) { return i.link_id == trigger; });
  auto given = std::find_if(submission.answers.begin(), submission.answers.end(),
                            [&](const measures::LinkedAnswer& a) { return a.link_id == trigger; });
  if (item == instrument.items.end() || given == submission.answers.end()) return std::nullopt;
  const auto name = fmt::format("item {}", item->prefix.empty() ? item->link_id : item->prefix);
  if (!given->value) return fmt::format("{}: not answered", name);
  auto option = std::find_if(item->options.begin(), item->options.end(),
                             [&](const measures::AnswerOption& o) { return o.value == *given->value; });
  if (option == item->options.end()) return fmt::format("{}: {}", name, *given->value);
  return fmt::format("{}: {} ({})", name, option->display, option->value);
}

std::vector<const StaffMember*> prescribers_on_duty(const Directory& directory, const Location& location, Instant now) {
  const auto local = date::make_zoned(location.zone, now).get_local_time();
  const auto day = date::floor<date::days>(local);
  const auto minute = static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - day).count());
  const date::weekday weekday{day};
  std::vector<const StaffMember*> out;
  for (const auto& s : directory.staff()) {
    if (!s.has_role(Role::prescriber)) continue;
    const bool on = std::any_of(s.shifts.begin(), s.shifts.end(), [&](const Shift& sh) {
      return sh.location_id == location.id && sh.weekday == weekday && sh.span.begin_min <= minute &&
             minute < sh.span.end_min;
    });
    if (on) out.push_back(&s);
  }
  return out;
}

Result<bool> FlagInbox::routed_here(Id patient_id, Id location_id, bool takes_unrouted) {
  auto care = clinic_.care_of(patient_id);
  if (!care) return std::unexpected(care.error());
  return care->empty() ? takes_unrouted : in_care_at(*care, location_id);
}

Result<const Location*> FlagInbox::routed_to(Id patient_id) {
  auto care = clinic_.care_of(patient_id);
  if (!care) return std::unexpected(care.error());
  if (!care->empty())
    if (const Location* l = directory_.location(care->front().location_id)) return l;
  return unrouted();
}

const Location* FlagInbox::unrouted() const {
  if (auto l = directory_.find_location(policy_.unrouted_location, "unrouted_location")) return *l;
  return directory_.locations().empty() ? nullptr : &directory_.locations().front();
}

Result<InboxEntry> FlagInbox::entry(const Flag& flag, Instant now) {
  auto patient = clinic_.patient(flag.patient_id);
  if (!patient) return std::unexpected(patient.error());
  InboxEntry e;
  e.flag = flag;
  e.patient = std::move(*patient);
  e.age = std::chrono::duration_cast<std::chrono::minutes>(now - flag.raised_at);
  auto instrument = std::find_if(instruments_.begin(), instruments_.end(),
                                 [&](const measures::Instrument& i) { return i.id == flag.instrument; });
  if (instrument != instruments_.end()) {
    auto submission = measures_.submission(flag.submission_id);
    if (!submission) return std::unexpected(submission.error());
    e.answer = answer_text(*instrument, *submission, flag.raised.trigger);
  }
  e.escalated = flag.raised.requires_acknowledgement() && e.age >= policy_.escalate_after;
  return e;
}

Result<std::vector<InboxEntry>> FlagInbox::of_location(const std::string& code) {
  auto location = directory_.find_location(code, "location");
  if (!location) return std::unexpected(location.error());
  auto open = measures_.flags({.patients = std::nullopt, .open_only = true});
  if (!open) return std::unexpected(open.error());
  const bool takes_unrouted = unrouted() == *location;
  const Instant now = clock_.now();
  const auto on_duty = prescribers_on_duty(directory_, **location, now);
  std::vector<InboxEntry> out;
  for (const auto& flag : *open) {
    auto here = routed_here(flag.patient_id, (*location)->id, takes_unrouted);
    if (!here) return std::unexpected(here.error());
    if (!*here) continue;
    auto e = entry(flag, now);
    if (!e) return std::unexpected(e.error());
    if (e->escalated) e->on_duty = on_duty;
    out.push_back(std::move(*e));
  }
  return out;
}

}  // namespace kc::clinic
