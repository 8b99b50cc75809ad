// Find a clinic: ZIP code, city or the browser's location -> the nearest
// clinics with distance, address, hours and the next free consultation. The
// search lives in the address (?zip=75013), so results can be shared and the
// back button works.
import { useState } from "preact/hooks";
import { nearestLocations } from "../../api/locations";
import type { Location, NearestResult, Weekday } from "../../api/schema";
import { Field, Input } from "../../components/field";
import { Page } from "../../components/page";
import { ErrorNotice, Loaded } from "../../components/status";
import { dateTime, zoneName } from "../../lib/time";
import { useRequest } from "../../lib/useRequest";
import { Link, navigate } from "../../router";

const kDays: [Weekday, string][] = [
  ["mon", "Mon"], ["tue", "Tue"], ["wed", "Wed"], ["thu", "Thu"], ["fri", "Fri"], ["sat", "Sat"], ["sun", "Sun"],
];

// "Mon–Fri 8:00–18:00; Sat 9:00–13:00": consecutive days with the same hours are joined.
export function hoursText(location: Location): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < kDays.length) {
    const spans = location.hours[kDays[i][0]].join(", ");
    let j = i;
    while (j + 1 < kDays.length && location.hours[kDays[j + 1][0]].join(", ") === spans) j++;
    const days = i === j ? kDays[i][1] : `${kDays[i][1]}–${kDays[j][1]}`;
    lines.push(`${days}: ${spans ? spans.replace(/-/g, "–") : "closed"}`);
    i = j + 1;
  }
  return lines;
}

function Results({ result }: { result: NearestResult }) {
  if (result.locations.length === 0) return <p>No clinics found.</p>;
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">Clinics near {result.from.label}</h2>
      <ol class="card-list">
        {result.locations.map(({ location, distance_miles, next_free_consultation }) => (
          <li class="card" key={location.id}>
            <h3>{location.name}</h3>
            <p class="meta">{distance_miles.toFixed(1)} miles away</p>
            <div class="grid-2">
              <div>
                <address>
                  {location.address.line1}
                  <br />
                  {location.address.city}, {location.address.region} {location.address.postal_code}
                </address>
                <p>
                  <a href={`tel:${location.phone.replace(/[^+\d]/g, "")}`}>{location.phone}</a>
                </p>
              </div>
              <div>
                <p class="meta">Opening hours ({zoneName(location.time_zone)})</p>
                <ul class="meta">
                  {hoursText(location).map((line) => (
                    <li key={line}>{line}</li>
                  ))}
                </ul>
              </div>
            </div>
            <p>
              <strong>Next free consultation:</strong>{" "}
              {next_free_consultation ? dateTime(next_free_consultation.start, location.time_zone) : "none in the coming weeks"}
            </p>
            <Link href={`/clinics/${location.id}`} class="button" aria-label={`See times and book at ${location.name}`}>
              See times and book
            </Link>
          </li>
        ))}
      </ol>
    </section>
  );
}

function Search({ origin }: { origin: Record<string, string> }) {
  const [state, retry] = useRequest((signal) => nearestLocations(origin, signal), [JSON.stringify(origin)]);
  return (
    <Loaded state={state} what="nearby clinics" retry={retry}>
      {(result) => <Results result={result} />}
    </Loaded>
  );
}

export function FindClinic({ query }: { query: URLSearchParams }) {
  const [text, setText] = useState(query.get("zip") ?? query.get("city") ?? "");
  const [locating, setLocating] = useState(false);
  const [geoError, setGeoError] = useState<Error | null>(null);
  const origin: Record<string, string> = {};
  for (const key of ["zip", "city", "lat", "lon"]) {
    const value = query.get(key);
    if (value) origin[key] = value;
  }
  const submit = (e: Event) => {
    e.preventDefault();
    const value = text.trim();
    if (!value) return;
    const key = /^\d{5}$/.test(value) ? "zip" : "city";
    navigate(`/find?${new URLSearchParams({ [key]: value })}`);
  };
  const locate = () => {
    setGeoError(null);
    if (!("geolocation" in navigator)) {
      setGeoError(new Error("This browser cannot share its location. Please type a ZIP code or city."));
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (p) => {
        setLocating(false);
        navigate(`/find?lat=${p.coords.latitude.toFixed(4)}&lon=${p.coords.longitude.toFixed(4)}`);
      },
      () => {
        setLocating(false);
        setGeoError(new Error("We could not get your location. Please type a ZIP code or city instead."));
      },
      { timeout: 10000, maximumAge: 600000 },
    );
  };
  return (
    <Page title="Find a clinic near you" lead="Enter your ZIP code or city, or let the browser share your location.">
      <form class="inline-form" role="search" onSubmit={submit}>
        <Field id="where" label="ZIP code or city" hint="For example 75013 or Allen, TX">
          {(a11y) => <Input {...a11y} value={text} onValue={setText} autocomplete="postal-code" required />}
        </Field>
        <button class="button" type="submit">
          Search
        </button>
        <button class="button button-secondary" type="button" onClick={locate} disabled={locating}>
          {locating ? "Finding you…" : "Use my location"}
        </button>
      </form>
      {geoError && <ErrorNotice error={geoError} />}
      {Object.keys(origin).length > 0 && <Search origin={origin} />}
    </Page>
  );
}
