// A clinic and its free consultation times, a week at a time, by day. Every
// time is shown in the clinic's own time zone and labelled so.
import { getLocation } from "../../api/locations";
import { Page } from "../../components/page";
import { firstDay, SlotPicker } from "../../components/slot-picker";
import { Loaded } from "../../components/status";
import { longDay, timeOfDay } from "../../lib/time";
import { useRequest } from "../../lib/useRequest";
import { Link, navigate } from "../../router";
import { hoursText } from "./find";
import { kConsultation } from "../../lib/appointment-types";

export function ClinicPage({ id, query }: { id: string; query: URLSearchParams }) {
  const [state, retry] = useRequest((signal) => getLocation(id, signal), [id]);
  return (
    <Loaded state={state} what="the clinic" retry={retry}>
      {(location) => {
        const zone = location.time_zone;
        return (
          <Page title={location.name} lead="Book a first consultation with a prescriber, in person at this clinic." wide>
            <div class="grid-2">
              <div>
                <address>
                  {location.address.line1}, {location.address.city}, {location.address.region} {location.address.postal_code}
                </address>
                <p>
                  <a href={`tel:${location.phone.replace(/[^+\d]/g, "")}`}>{location.phone}</a>
                </p>
              </div>
              <ul class="meta">
                {hoursText(location).map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </div>
            <h2>Free consultation times</h2>
            <SlotPicker
              location={location}
              type={kConsultation}
              what="consultation"
              from={firstDay(query.get("from"), zone)}
              onFrom={(from) => navigate(`/clinics/${location.id}?from=${from}`)}
              slot={(slot) => (
                <Link
                  href={`/book/${location.id}?${new URLSearchParams({ start: slot.start })}`}
                  class="button button-secondary"
                  aria-label={`${timeOfDay(slot.start, zone)} on ${longDay(slot.start, zone)}`}
                >
                  {timeOfDay(slot.start, zone)}
                </Link>
              )}
            />
          </Page>
        );
      }}
    </Loaded>
  );
}
