// One appointment as its patient sees it: when, where, with whom, its status;
// add it to a calendar (.ics); cancel or move it while the clinic's notice
// period allows (GET /api/v1/booking-policy; the server enforces it anyway).
import { useState } from "preact/hooks";
import { appointmentCalendarUrl, changeAppointment, getAppointment } from "../../api/appointments";
import { getLocation } from "../../api/locations";
import { getBookingPolicy } from "../../api/scheduling";
import type { Appointment, BookingPolicy, Location, Slot } from "../../api/schema";
import { Field, Input } from "../../components/field";
import { Page } from "../../components/page";
import { firstDay, SlotPicker } from "../../components/slot-picker";
import { Loaded } from "../../components/status";
import { dateTime, duration, localDate, longDay, timeOfDay, zoneName } from "../../lib/time";
import { useRequest } from "../../lib/useRequest";
import { Link } from "../../router";
import { ErrorSummary } from "../../components/error-summary";
import { useSubmit } from "../../lib/useSubmit";
import { StatusBadge, useTypeText } from "../../components/appointment-status";

interface Data {
  appointment: Appointment;
  location: Location;
  policy: BookingPolicy;
}

async function load(id: number, signal: AbortSignal): Promise<Data> {
  const [appointment, policy] = await Promise.all([getAppointment(id, signal), getBookingPolicy(signal)]);
  const location = await getLocation(appointment.location, signal);
  return { appointment, location, policy };
}

function Cancel({ appointment, onDone }: { appointment: Appointment; onDone: (a: Appointment) => void }) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const submission = useSubmit(() => changeAppointment(appointment.id, { status: "cancelled", reason: reason.trim() || undefined }), {
    fields: { reason: "cancel-reason" },
    onDone,
  });
  const busy = submission.pending;
  if (!open)
    return (
      <button type="button" class="button button-danger" onClick={() => setOpen(true)}>
        Cancel appointment
      </button>
    );
  return (
    <form class="card form" onSubmit={submission.onSubmit} aria-labelledby="cancel-heading">
      <h2 id="cancel-heading">Cancel this appointment?</h2>
      <ErrorSummary submission={submission} title="The appointment was not cancelled." />
      <Field id="cancel-reason" label="Reason (optional)" hint="Helps the clinic; you do not have to give one."
        error={submission.fields.reason}>
        {(a) => <Input {...a} value={reason} onValue={setReason} maxLength={500} />}
      </Field>
      <div class="actions">
        <button type="submit" class="button button-danger" disabled={busy}>
          {busy ? "Cancelling…" : "Yes, cancel it"}
        </button>
        <button type="button" class="button button-secondary" onClick={() => setOpen(false)} disabled={busy}>
          Keep it
        </button>
      </div>
    </form>
  );
}

function Reschedule({ data, onDone }: { data: Data; onDone: (a: Appointment) => void }) {
  const { appointment, location } = data;
  const typeText = useTypeText();
  const zone = location.time_zone;
  const [open, setOpen] = useState(false);
  const [from, setFrom] = useState(firstDay(localDate(appointment.start), zone));
  const submission = useSubmit((slot: Slot) => changeAppointment(appointment.id, { start: slot.start }), {
    onDone: (a) => {
      onDone(a);
      setOpen(false);
    },
  });
  const busy = submission.pending;
  if (!open)
    return (
      <button type="button" class="button button-secondary" onClick={() => setOpen(true)}>
        Move to another time
      </button>
    );
  return (
    <section class="card" aria-labelledby="move-heading">
      <h2 id="move-heading">Choose a new time</h2>
      <ErrorSummary submission={submission} title="The appointment was not moved." />
      <SlotPicker
        location={location}
        type={appointment.type}
        what={typeText(appointment.type).replace(/^[A-Z](?=[a-z])/, (c) => c.toLowerCase())}
        from={from}
        onFrom={setFrom}
        slot={(slot) => (
          <button type="button" class="button button-secondary" disabled={busy} onClick={() => submission.run(slot)}
            aria-label={`Move to ${timeOfDay(slot.start, zone)} on ${longDay(slot.start, zone)}`}>
            {timeOfDay(slot.start, zone)}
          </button>
        )}
      />
      <button type="button" class="button button-secondary" onClick={() => setOpen(false)}>
        Keep the current time
      </button>
    </section>
  );
}

function Details({ data, justBooked, onChange }: { data: Data; justBooked: boolean; onChange: (a: Appointment) => void }) {
  const { appointment: a, location, policy } = data;
  const zone = location.time_zone;
  const typeText = useTypeText();
  const people = a.resources.filter((r) => r.kind === "staff").map((r) => r.name);
  const room = a.resources.find((r) => r.kind !== "staff");
  const deadline = Date.parse(a.start) - Math.max(policy.cancel_notice_minutes, policy.reschedule_notice_minutes) * 60000;
  const changeable = a.status === "booked" && Date.now() < deadline;
  return (
    <>
      {justBooked && a.status === "booked" && (
        <div class="notice notice-success" role="status">
          <p class="notice-title">Your consultation is booked.</p>
          <p>
            You find it any time under <Link href="/appointments">My appointments</Link>. The clinic will contact you before
            your visit.
          </p>
        </div>
      )}
      <dl class="details card">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={a.status} />
        </dd>
        <dt>Visit</dt>
        <dd>{typeText(a.type)}</dd>
        <dt>When</dt>
        <dd>
          {dateTime(a.start, zone)} to {timeOfDay(a.end, zone)} ({zoneName(zone, new Date(a.start))}),{" "}
          {duration((Date.parse(a.end) - Date.parse(a.start)) / 60000)}
        </dd>
        <dt>Where</dt>
        <dd>
          {location.name}, {location.address.line1}, {location.address.city}, {location.address.region}
          {room ? ` (${room.name})` : ""}
        </dd>
        {people.length > 0 && (
          <>
            <dt>With</dt>
            <dd>{people.join(", ")}</dd>
          </>
        )}
        <dt>Reference</dt>
        <dd>#{a.id}</dd>
      </dl>
      {a.status === "booked" && (
        <div class="actions">
          <a class="button" href={appointmentCalendarUrl(a.id)} download={`appointment-${a.id}.ics`}>
            Add to calendar
          </a>
          {changeable && <Reschedule data={data} onDone={onChange} />}
          {changeable && <Cancel appointment={a} onDone={onChange} />}
        </div>
      )}
      {a.status === "booked" && (
        <p class="meta">
          {changeable
            ? `You can cancel or move this visit here until ${dateTime(new Date(deadline).toISOString(), zone)}.`
            : "It is too close to the visit to change it here."}{" "}
          After that, please call the clinic at <a href={`tel:${location.phone.replace(/[^+\d]/g, "")}`}>{location.phone}</a>.
        </p>
      )}
      {a.status === "cancelled" && (
        <p>
          This appointment is cancelled. <Link href={`/clinics/${location.id}`}>Book a new time</Link>
        </p>
      )}
    </>
  );
}

export function AppointmentPage({ id, justBooked }: { id: number; justBooked: boolean }) {
  const [state, retry, replace] = useRequest((signal) => load(id, signal), [id]);
  return (
    <Page title="Your appointment">
      <Loaded state={state} what="your appointment" retry={retry}>
        {(data) => <Details data={data} justBooked={justBooked} onChange={(appointment) => replace({ ...data, appointment })} />}
      </Loaded>
    </Page>
  );
}
