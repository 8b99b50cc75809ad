// A signed-in patient's visits (GET /api/v1/patients/{id}/appointments):
// coming ones first, soonest on top, then past and cancelled ones. Each opens
// its own page, where it can be added to a calendar, moved or cancelled
// within the clinic's notice period.
import { appointmentCalendarUrl } from "../../api/appointments";
import { listLocations } from "../../api/locations";
import { listPatientAppointments } from "../../api/patients";
import type { Appointment, Location } from "../../api/schema";
import { Page } from "../../components/page";
import { Loaded } from "../../components/status";
import { dateTime, timeOfDay, zoneName } from "../../lib/time";
import { useRequest } from "../../lib/useRequest";
import { Link } from "../../router";
import { useSession } from "../../session";
import { StatusBadge, useTypeText } from "../../components/appointment-status";

interface Data {
  appointments: Appointment[];
  locations: Map<string, Location>;
}

async function load(patientId: number, signal: AbortSignal): Promise<Data> {
  const [appointments, locations] = await Promise.all([listPatientAppointments(patientId, signal), listLocations(signal)]);
  return { appointments, locations: new Map(locations.map((l) => [l.id, l])) };
}

const isComing = (a: Appointment, now: number) => Date.parse(a.end) > now && (a.status === "booked" || a.status === "checked_in");

function Visit({ a, location }: { a: Appointment; location?: Location }) {
  const typeText = useTypeText();
  const zone = location?.time_zone ?? a.time_zone;
  const when = dateTime(a.start, zone);
  return (
    <li class="card visit">
      <div class="visit-head">
        <h3>
          <Link href={`/appointments/${a.id}`}>{when}</Link>
        </h3>
        <StatusBadge status={a.status} />
      </div>
      <p class="visit-what">
        {typeText(a.type)}, until {timeOfDay(a.end, zone)} ({zoneName(zone, new Date(a.start))})
      </p>
      <p class="meta">
        {location ? `${location.name}, ${location.address.line1}, ${location.address.city}` : a.location}
      </p>
      {a.status === "booked" && (
        <p class="visit-actions">
          <a href={appointmentCalendarUrl(a.id)} download={`appointment-${a.id}.ics`}>
            Add to calendar<span class="visually-hidden"> ({when})</span>
          </a>
          <Link href={`/appointments/${a.id}`}>
            Move or cancel<span class="visually-hidden"> ({when})</span>
          </Link>
        </p>
      )}
    </li>
  );
}

function List({ data }: { data: Data }) {
  const now = Date.now();
  const coming = data.appointments.filter((a) => isComing(a, now));
  const rest = data.appointments.filter((a) => !isComing(a, now)).reverse();
  return (
    <>
      <section aria-labelledby="coming-heading">
        <h2 id="coming-heading">Coming up</h2>
        {coming.length === 0 ? (
          <p>
            No visits booked. <Link href="/find">Find a clinic and book a consultation</Link>.
          </p>
        ) : (
          <ul class="card-list">
            {coming.map((a) => (
              <Visit key={a.id} a={a} location={data.locations.get(a.location)} />
            ))}
          </ul>
        )}
      </section>
      {rest.length > 0 && (
        <section aria-labelledby="past-heading">
          <h2 id="past-heading">Past and cancelled</h2>
          <ul class="card-list">
            {rest.map((a) => (
              <Visit key={a.id} a={a} location={data.locations.get(a.location)} />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

export function MyAppointmentsPage() {
  const { session } = useSession();
  const patientId = session?.account.patient_id ?? 0;
  const [state, retry] = useRequest((signal) => load(patientId, signal), [patientId]);
  return (
    <Page title="My appointments" lead={session ? `Signed in as ${session.account.name}.` : undefined}>
      <Loaded state={state} what="your appointments" retry={retry}>
        {(data) => <List data={data} />}
      </Loaded>
    </Page>
  );
}
