// Times are shown in the clinic's zone, whatever the zone of the computer that shows them.
import { afterEach, describe, expect, it, vi } from "vitest";
import { addDays, dateTime, elapsed, duration, localDate, longDay, shortDay, timeOfDay, todayIn, zoneName } from "../src/lib/time";

// ICU writes a narrow no-break space before AM/PM; people read a space.
const plain = (text: string) => text.replace(/\s/g, " ");

describe("times in the clinic's zone", () => {
  it("shows an instant at the clinic's wall-clock time, not the viewer's", () => {
    const nine = "2026-12-01T09:00:00-06:00";
    expect(plain(timeOfDay(nine, "America/Chicago"))).toBe("9:00 AM");
    expect(plain(timeOfDay(nine, "America/New_York"))).toBe("10:00 AM");
    expect(plain(timeOfDay("2026-12-01T15:00:00Z", "America/Chicago"))).toBe("9:00 AM");
  });

  it("keeps the clinic's date for a late appointment that is already tomorrow in UTC", () => {
    const late = "2026-12-01T23:30:00-06:00"; // 05:30 UTC on December 2
    expect(longDay(late, "America/Chicago")).toBe("Tuesday, December 1");
    expect(shortDay(late, "America/Chicago")).toBe("Tue, Dec 1");
    expect(localDate(late)).toBe("2026-12-01");
    expect(longDay(late, "UTC")).toBe("Wednesday, December 2");
  });

  it("follows daylight saving time: the same UTC hour is a different local hour in summer", () => {
    expect(plain(timeOfDay("2026-07-01T14:00:00Z", "America/Chicago"))).toBe("9:00 AM"); // CDT, UTC-5
    expect(plain(timeOfDay("2026-12-01T14:00:00Z", "America/Chicago"))).toBe("8:00 AM"); // CST, UTC-6
    expect(plain(timeOfDay("2026-03-08T08:30:00Z", "America/Chicago"))).toBe("3:30 AM"); // just after 2 AM became 3 AM
  });

  it("writes a full date and time and names the zone as it is at that date", () => {
    expect(plain(dateTime("2026-12-01T09:00:00-06:00", "America/Chicago"))).toBe("Tuesday, December 1, 2026 at 9:00 AM");
    expect(zoneName("America/Chicago", new Date("2026-12-01T15:00:00Z"))).toBe("Central Standard Time");
    expect(zoneName("America/Chicago", new Date("2026-07-01T15:00:00Z"))).toBe("Central Daylight Time");
  });
});

describe("today and calendar arithmetic", () => {
  afterEach(() => vi.useRealTimers());

  it("gives today's date in the clinic's zone", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-12-02T04:00:00Z")); // 10 PM on December 1 in Dallas
    expect(todayIn("America/Chicago")).toBe("2026-12-01");
    expect(todayIn("UTC")).toBe("2026-12-02");
    expect(todayIn("Asia/Tokyo")).toBe("2026-12-02");
  });

  it("adds days across months, years and a change of clocks", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-07", 1)).toBe("2026-03-08"); // the night the US clocks spring forward
    expect(addDays("2026-11-01", 1)).toBe("2026-11-02"); // and fall back
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
  });

  it("writes durations in hours and minutes", () => {
    expect(duration(40)).toBe("40 min");
    expect(duration(60)).toBe("1 h");
    expect(duration(90)).toBe("1 h 30 min");
    expect(duration(0)).toBe("0 min");
  });
});

describe("how long a flag has waited", () => {
  it("counts minutes, then hours and minutes, then days", () => {
    expect(elapsed(0)).toBe("0 min");
    expect(elapsed(59)).toBe("59 min");
    expect(elapsed(61)).toBe("1 h 1 min");
    expect(elapsed(47 * 60 + 59)).toBe("47 h 59 min");
    expect(elapsed(48 * 60)).toBe("2 days");
  });
});
