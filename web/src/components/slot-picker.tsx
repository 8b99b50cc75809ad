// Free times of one appointment type at one location, a week at a time: a row
// of days, then the selected day's times. The caller decides what choosing a
// time does (a link to the booking form, or a reschedule).
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { getAvailability } from "../api/scheduling";
import type { Availability, Location, Slot } from "../api/schema";
import { addDays, duration, localDate, longDay, shortDay, todayIn, zoneName } from "../lib/time";
import { useRequest } from "../lib/useRequest";
import { Loaded } from "./status";

const minutesBetween = (slot: Slot) => (Date.parse(slot.end) - Date.parse(slot.start)) / 60000;
const noon = (date: string) => `${date}T12:00:00Z`;

function byDay(slots: Slot[]): Map<string, Slot[]> {
  const days = new Map<string, Slot[]>();
  for (const slot of slots) {
    const day = localDate(slot.start);
    days.set(day, [...(days.get(day) ?? []), slot]);
  }
  return days;
}

interface PickerProps {
  location: Location;
  type: string;
  from: string; // first day shown, "YYYY-MM-DD" in the clinic's zone
  onFrom: (date: string) => void;
  slot: (slot: Slot) => ComponentChildren;
  what: string; // "consultation"
}

function Week(props: PickerProps & { availability: Availability }) {
  const zone = props.location.time_zone;
  const days = byDay(props.availability.slots);
  const dates = Array.from({ length: 7 }, (_, i) => addDays(props.from, i));
  const firstFree = dates.find((d) => days.has(d)) ?? dates[0];
  const [chosen, setChosen] = useState(firstFree);
  const day = days.has(chosen) ? chosen : firstFree;
  const slots = days.get(day) ?? [];
  return (
    <>
      <p class="notice">
        Times are shown in the clinic's time zone: <strong>{zoneName(zone, new Date(noon(props.from)))}</strong> ({zone}).
      </p>
      <h3 id="days-heading">Choose a day</h3>
      <ul class="day-list" aria-labelledby="days-heading">
        {dates.map((date) => {
          const count = days.get(date)?.length ?? 0;
          return (
            <li key={date}>
              <button type="button" class="day-button" aria-pressed={date === day} disabled={count === 0} onClick={() => setChosen(date)}>
                <span>{shortDay(noon(date), "UTC")}</span>
                <small>{count === 0 ? "no times" : `${count} times`}</small>
              </button>
            </li>
          );
        })}
      </ul>
      {slots.length === 0 ? (
        <p>No free {props.what} times this week. Try the next week.</p>
      ) : (
        <section aria-labelledby="slots-heading">
          <h3 id="slots-heading">Free times on {longDay(slots[0].start, zone)}</h3>
          <p class="meta">
            Each {props.what} lasts {duration(minutesBetween(slots[0]))}.
          </p>
          <ul class="slot-grid">
            {slots.map((s) => (
              <li key={s.start}>{props.slot(s)}</li>
            ))}
          </ul>
        </section>
      )}
      <div class="actions">
        <button type="button" class="button button-secondary" onClick={() => props.onFrom(addDays(props.from, -7))} disabled={props.from <= todayIn(zone)}>
          Earlier week
        </button>
        <button type="button" class="button button-secondary" onClick={() => props.onFrom(addDays(props.from, 7))}>
          Later week
        </button>
      </div>
    </>
  );
}

export function SlotPicker(props: PickerProps) {
  const { location, type, from } = props;
  const [state, retry] = useRequest(
    (signal) => getAvailability({ location: location.id, type, from, to: addDays(from, 6) }, signal),
    [location.id, type, from],
  );
  return (
    <Loaded state={state} what="free times" retry={retry}>
      {(availability) => <Week key={from} {...props} availability={availability} />}
    </Loaded>
  );
}

// The first day to show: the asked one if it is a date from today on, else today.
export function firstDay(asked: string | null, zone: string): string {
  const today = todayIn(zone);
  return asked && /^\d{4}-\d{2}-\d{2}$/.test(asked) && asked > today ? asked : today;
}
