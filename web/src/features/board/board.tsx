// The day board of a location for staff (schedule_read): every appointment of
// one local day with its chair or room, clinician and status, grouped by time,
// by chair or by clinician, and check-in (PATCH status) for booked visits when
// the session may change the schedule (schedule_write: the front desk). Staff
// see the locations they work at.
import { useState } from "preact/hooks";
import { changeAppointment, getDaySchedule } from "../../api/appointments";
import type { BoardAppointment, BoardLane, DayBoard, Location, Status } from "../../api/schema";
import { Field } from "../../components/field";
import { LocationSelect, useMyLocations } from "../../components/my-locations";
import { Page } from "../../components/page";
import { Loaded } from "../../components/status";
import { addDays, longDay, timeOfDay, todayIn } from "../../lib/time";
import { useRequest } from "../../lib/useRequest";
import { Link, navigate } from "../../router";
import { ErrorSummary } from "../../components/error-summary";
import { useSubmit } from "../../lib/useSubmit";
import { useSession } from "../../session";
import { StatusBadge, useTypeText } from "../../components/appointment-status";
import { BoardFlags } from "./board-flags";

type Grouping = "time" | "chair" | "clinician";

// Lanes holding each appointment (an appointment may hold a room and two clinicians).
function lanesOf(lanes: BoardLane[]): Map<number, BoardLane[]> {
  const out = new Map<number, BoardLane[]>();
  for (const lane of lanes)
    for (const id of lane.appointment_ids) out.set(id, [...(out.get(id) ?? []), lane]);
  return out;
}

function Row(props: {
  a: BoardAppointment;
  zone: string;
  places: BoardLane[];
  people: BoardLane[];
  busy: boolean;
  onStatus: ((a: BoardAppointment, status: Status) => void) | null;
}) {
  const { a, zone, onStatus } = props;
  const typeText = useTypeText();
  const { can } = useSession();
  const who = a.patient?.name ?? `Patient #${a.id}`;
  const flagged = a.patient?.safety_flag === true && can("flags_view");
  return (
    <tr>
      <th scope="row" class="num">
        {timeOfDay(a.start, zone)}–{timeOfDay(a.end, zone)}
      </th>
      <td>
        {a.patient && can("demographics_read") ? <Link href={`/staff/patients/${a.patient.id}`}>{who}</Link> : who}
        {flagged && (
          <>
            {" "}
            <span class="badge badge-flag">Safety flag</span>
          </>
        )}
      </td>
      <td>{typeText(a.type)}{a.mode === "telehealth" ? " (video)" : ""}</td>
      <td>{props.places.map((l) => l.name).join(", ") || "—"}</td>
      <td>{props.people.map((l) => l.name).join(", ") || "—"}</td>
      <td>
        <StatusBadge status={a.status} />
      </td>
      <td>
        {a.status === "booked" && onStatus && (
          <button type="button" class="button button-small" disabled={props.busy} onClick={() => onStatus(a, "checked_in")}
            aria-label={`Check in ${who} (${timeOfDay(a.start, zone)})`}>
            Check in
          </button>
        )}
      </td>
    </tr>
  );
}

function Table({ title, rows, board, zone, busy, onStatus }: {
  title: string;
  rows: BoardAppointment[];
  board: DayBoard;
  zone: string;
  busy: boolean;
  onStatus: ((a: BoardAppointment, status: Status) => void) | null;
}) {
  const places = lanesOf(board.resources);
  const people = lanesOf(board.clinicians);
  return (
    <div class="table-wrap" role="region" aria-label={title} tabIndex={0}>
      <table>
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Patient</th>
            <th scope="col">Visit</th>
            <th scope="col">Chair or room</th>
            <th scope="col">Clinician</th>
            <th scope="col">Status</th>
            <th scope="col"><span class="visually-hidden">Action</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={7}>No appointments.</td>
            </tr>
          ) : (
            rows.map((a) => (
              <Row key={a.id} a={a} zone={zone} places={places.get(a.id) ?? []} people={people.get(a.id) ?? []} busy={busy} onStatus={onStatus} />
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function Board({ board, location, onChange }: { board: DayBoard; location: Location; onChange: (b: DayBoard) => void }) {
  const [grouping, setGrouping] = useState<Grouping>("time");
  const [announcement, setAnnouncement] = useState("");
  const zone = board.time_zone;
  const change = useSubmit(async ({ a, status }: { a: BoardAppointment; status: Status }) => {
    const changed = await changeAppointment(a.id, { status });
    onChange({ ...board, appointments: board.appointments.map((x) => (x.id === a.id ? { ...x, status: changed.status } : x)) });
    setAnnouncement(`${a.patient?.name ?? "Patient"} is checked in.`);
  });
  const busy = change.pending;
  const onStatus = useSession().can("schedule_write") ? (a: BoardAppointment, status: Status) => change.run({ a, status }) : null;
  const byId = new Map(board.appointments.map((a) => [a.id, a]));
  const lanes = grouping === "chair" ? board.resources : board.clinicians;
  const active = board.appointments.filter((a) => a.status !== "cancelled");
  const open = board.open.map((o) => `${timeOfDay(o.start, zone)}–${timeOfDay(o.end, zone)}`).join(", ");
  const closure = location.closures.find((c) => c.date === board.date);
  return (
    <>
      <p>
        {location.name}: {open ? `open ${open}` : `closed this day${closure ? ` (${closure.reason})` : ""}`} · {active.length} appointment
        {active.length === 1 ? "" : "s"} · times in {zone}
      </p>
      <fieldset class="inline-form">
        <legend class="legend">Group by</legend>
        {(["time", "chair", "clinician"] as Grouping[]).map((g) => (
          <label class="check" key={g}>
            <input type="radio" name="grouping" value={g} checked={grouping === g} onChange={() => setGrouping(g)} />
            {g === "time" ? "Time" : g === "chair" ? "Chair or room" : "Clinician"}
          </label>
        ))}
      </fieldset>
      <ErrorSummary submission={change} title="The status was not changed." />
      <p class="visually-hidden" role="status">
        {announcement}
      </p>
      {grouping === "time" ? (
        <Table title="All appointments" rows={board.appointments} board={board} zone={zone} busy={busy} onStatus={onStatus} />
      ) : (
        lanes.map((lane) => (
          <section key={lane.id} class="lane">
            <h2>{lane.name}</h2>
            {"shifts" in lane && lane.shifts.length > 0 && (
              <p class="meta">On shift {lane.shifts.map((s) => `${timeOfDay(s.start, zone)}–${timeOfDay(s.end, zone)}`).join(", ")}</p>
            )}
            <Table
              title={`${lane.name}: appointments`}
              rows={lane.appointment_ids.map((id) => byId.get(id)).filter((a): a is BoardAppointment => a !== undefined)}
              board={board}
              zone={zone}
              busy={busy}
              onStatus={onStatus}
            />
          </section>
        ))
      )}
    </>
  );
}

function Day({ location, date }: { location: Location; date: string }) {
  const [state, retry, replace] = useRequest((signal) => getDaySchedule(location.id, date, signal), [location.id, date]);
  return (
    <>
      {useSession().can("flags_view") && <BoardFlags location={location.id} date={date} zone={location.time_zone} />}
      <Loaded state={state} what="the day board" retry={retry}>
        {(board) => <Board board={board} location={location} onChange={replace} />}
      </Loaded>
    </>
  );
}

function Controls({ locations, query }: { locations: Location[]; query: URLSearchParams }) {
  const location = locations.find((l) => l.id === query.get("location")) ?? locations[0];
  const asked = query.get("date") ?? "";
  const date = /^\d{4}-\d{2}-\d{2}$/.test(asked) ? asked : todayIn(location.time_zone);
  const go = (l: string, d: string) => navigate(`/staff/board?location=${encodeURIComponent(l)}&date=${d}`, { replace: true });
  return (
    <>
      <form class="inline-form" onSubmit={(e) => e.preventDefault()} aria-label="Location and day">
        <LocationSelect id="board-location" locations={locations} value={location.id} onValue={(l) => go(l, date)} />
        <Field id="board-date" label="Day">
          {(a) => <input {...a} class="input" type="date" value={date} onChange={(e) => go(location.id, (e.target as HTMLInputElement).value)} />}
        </Field>
        <button type="button" class="button button-secondary" onClick={() => go(location.id, addDays(date, -1))}>
          Previous day
        </button>
        <button type="button" class="button button-secondary" onClick={() => go(location.id, addDays(date, 1))}>
          Next day
        </button>
      </form>
      <h2>{longDay(`${date}T12:00:00Z`, "UTC")}</h2>
      <Day key={`${location.id}/${date}`} location={location} date={date} />
    </>
  );
}

export function DayBoardPage({ query }: { query: URLSearchParams }) {
  const [state, retry] = useMyLocations();
  return (
    <Page title="Day board" lead="Today's consultations and infusions by chair and clinician, with check-in." wide>
      <Loaded state={state} what="locations" retry={retry}>
        {(locations) => (locations.length === 0 ? <p>Your account works at no location yet.</p> : <Controls locations={locations} query={query} />)}
      </Loaded>
    </Page>
  );
}
