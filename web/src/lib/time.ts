// Times as people read them, always in the clinic's own time zone. The API
// writes instants as "2026-12-01T09:00:00-06:00" in that zone, so the local
// date is the first ten characters.
const cache = new Map<string, Intl.DateTimeFormat>();

function format(zone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = zone + JSON.stringify(options);
  let f = cache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { ...options, timeZone: zone });
    cache.set(key, f);
  }
  return f;
}

export const localDate = (iso: string): string => iso.slice(0, 10);

// "9:00 AM"
export const timeOfDay = (iso: string, zone: string): string =>
  format(zone, { hour: "numeric", minute: "2-digit" }).format(new Date(iso));

// "Tuesday, December 1"
export const longDay = (iso: string, zone: string): string =>
  format(zone, { weekday: "long", month: "long", day: "numeric" }).format(new Date(iso));

// "Tue, Dec 1"
export const shortDay = (iso: string, zone: string): string =>
  format(zone, { weekday: "short", month: "short", day: "numeric" }).format(new Date(iso));

// "Tuesday, December 1, 2026 at 9:00 AM"
export const dateTime = (iso: string, zone: string): string =>
  format(zone, { weekday: "long", month: "long", day: "numeric", year: "numeric", hour: "numeric", minute: "2-digit" }).format(
    new Date(iso),
  );

// "Central Standard Time"
export const zoneName = (zone: string, at: Date = new Date()): string =>
  format(zone, { timeZoneName: "long" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value ?? zone;

// A calendar date "YYYY-MM-DD" plus n days (calendar arithmetic, no time zone involved).
export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

// Today's date in a zone, "YYYY-MM-DD".
export function todayIn(zone: string): string {
  const parts = format(zone, { year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(new Date());
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}-${get("day")}`;
}

// "1 h 30 min", "40 min"
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

// How long something has waited, for people: "45 min", "3 h 5 min", "4 days".
export function elapsed(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}
