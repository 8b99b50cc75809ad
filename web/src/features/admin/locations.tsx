// Locations (admin_settings), read-only: each location's opening hours per
// weekday, closures, chairs and rooms, and the clinic's booking policy. They
// come from the clinic's data files (data/clinic/, docs/clinic-data.md); this
// screen shows what the server runs with, so an administrator can check it.
import { Fragment } from "preact";
import { listLocations } from "../../api/locations";
import { getBookingPolicy } from "../../api/scheduling";
import type { BookingPolicy, Location, Weekday } from "../../api/schema";
import { Page } from "../../components/page";
import { Loaded } from "../../components/status";
import { duration, zoneName } from "../../lib/time";
import { useRequest } from "../../lib/useRequest";

const kWeekdays: [Weekday, string][] = [
  ["mon", "Monday"], ["tue", "Tuesday"], ["wed", "Wednesday"], ["thu", "Thursday"], ["fri", "Friday"], ["sat", "Saturday"], ["sun", "Sunday"],
];

function Policy({ policy }: { policy: BookingPolicy }) {
  const rows: [string, string][] = [
    ["Booking times every", duration(policy.slot_step_minutes)],
    ["Minimum notice", duration(policy.min_notice_minutes)],
    ["Bookable ahead", `${policy.horizon_days} days`],
    ["A patient may cancel up to", `${duration(policy.cancel_notice_minutes)} before`],
    ["A patient may reschedule up to", `${duration(policy.reschedule_notice_minutes)} before`],
  ];
  return (
    <section class="card" aria-labelledby="policy-heading">
      <h2 id="policy-heading">Booking policy</h2>
      <dl class="details">
        {rows.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </Fragment>
        ))}
      </dl>
    </section>
  );
}

function LocationCard({ location }: { location: Location }) {
  const chairs = location.resources.filter((r) => r.kind === "chair").length;
  const rooms = location.resources.filter((r) => r.kind === "room").length;
  const id = `location-${location.id}`;
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{location.name}</h2>
      <p class="meta">
        {location.address.line1}, {location.address.city} · {location.phone} · {zoneName(location.time_zone)} · {chairs}{" "}
        chair{chairs === 1 ? "" : "s"}, {rooms} room{rooms === 1 ? "" : "s"}
      </p>
      <div class="table-wrap" role="region" aria-label={`${location.name}: opening hours`} tabIndex={0}>
        <table>
          <tbody>
            {kWeekdays.map(([day, label]) => (
              <tr key={day}>
                <th scope="row">{label}</th>
                <td>{(location.hours[day] ?? []).join(", ").replace(/-/g, "–") || "closed"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Closures</h3>
      {location.closures.length === 0 ? (
        <p class="meta">None planned.</p>
      ) : (
        <ul>
          {location.closures.map((c) => (
            <li key={c.date}>
              {c.date}: {c.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function LocationsPage() {
  const [state, retry] = useRequest(
    async (signal) => {
      const [locations, policy] = await Promise.all([listLocations(signal), getBookingPolicy(signal)]);
      return { locations, policy };
    },
    [],
  );
  return (
    <Page title="Locations" lead="Opening hours, closures and the booking policy the server runs with (read-only; set in the clinic's data files).">
      <Loaded state={state} what="the locations" retry={retry}>
        {({ locations, policy }) => (
          <div class="card-list">
            <Policy policy={policy} />
            {locations.map((l) => (
              <LocationCard key={l.id} location={l} />
            ))}
          </div>
        )}
      </Loaded>
    </Page>
  );
}
