/**
 * Business-hours arithmetic (server/sla/business-hours): weekends, evenings,
 * holidays, lunch breaks, time zones and DST weeks. Expected instants are
 * written as ISO strings with the zone's offset, so they do not depend on the
 * zone math under test. Pure functions: no database.
 */
import { describe, expect, it } from "vitest";
import { AppError } from "@/server/errors";
import {
  addBusinessMinutes,
  businessMinutesBetween,
  isWithinBusinessHours,
  validateCalendar,
  type BusinessCalendar,
  type BusinessInterval,
  type IsoWeekday,
} from "@/server/sla/business-hours";

const weekdays: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];

/** The same hours on the given days (Monday–Friday unless told), closed on the others. */
function calendar(
  timeZone: string,
  hours: BusinessInterval[] = [{ start: "09:00", end: "17:00" }],
  openDays: IsoWeekday[] = [1, 2, 3, 4, 5],
  holidays: string[] = [],
): BusinessCalendar {
  const weekly = Object.fromEntries(weekdays.map((day) => [day, openDays.includes(day) ? hours : []]));
  return { timeZone, weekly: weekly as BusinessCalendar["weekly"], holidays };
}

const everyDay = weekdays;
const allDay = [{ start: "00:00", end: "24:00" }];

/** addBusinessMinutes from and to ISO strings, for readable failures. */
function add(start: string, minutes: number, cal: BusinessCalendar): string {
  return addBusinessMinutes(new Date(start), minutes, cal).toISOString();
}
const between = (start: string, end: string, cal: BusinessCalendar) => businessMinutesBetween(new Date(start), new Date(end), cal);
const within = (at: string, cal: BusinessCalendar) => isWithinBusinessHours(new Date(at), cal);
const utc = (iso: string) => new Date(iso).toISOString();

// 2024-06-03 is a Monday; June has no DST change in any zone used here.
describe("Monday–Friday 09:00–17:00 in UTC", () => {
  const cal = calendar("UTC");

  it("adds within a day", () => {
    expect(add("2024-06-03T10:00:00Z", 90, cal)).toBe(utc("2024-06-03T11:30:00Z"));
    expect(add("2024-06-03T10:00:30.500Z", 1, cal)).toBe(utc("2024-06-03T10:01:30.500Z"));
  });

  it("ends at closing time when the minutes use the day up exactly", () => {
    expect(add("2024-06-03T16:00:00Z", 60, cal)).toBe(utc("2024-06-03T17:00:00Z"));
    expect(add("2024-06-03T09:00:00Z", 5 * 480, cal)).toBe(utc("2024-06-07T17:00:00Z"));
    expect(add("2024-06-03T09:00:00Z", 5 * 480 + 1, cal)).toBe(utc("2024-06-10T09:01:00Z"));
  });

  it("carries across the evening", () => {
    expect(add("2024-06-03T16:00:00Z", 120, cal)).toBe(utc("2024-06-04T10:00:00Z"));
  });

  it("carries across the weekend: Friday 16:00 + 2h is Monday 10:00", () => {
    expect(add("2024-06-07T16:00:00Z", 120, cal)).toBe(utc("2024-06-10T10:00:00Z"));
  });

  it("starts counting at the next opening from a Sunday, before opening and after closing", () => {
    expect(add("2024-06-09T12:00:00Z", 60, cal)).toBe(utc("2024-06-10T10:00:00Z"));
    expect(add("2024-06-03T07:30:00Z", 30, cal)).toBe(utc("2024-06-03T09:30:00Z"));
    expect(add("2024-06-03T18:00:00Z", 30, cal)).toBe(utc("2024-06-04T09:30:00Z"));
    expect(add("2024-06-03T17:00:00Z", 30, cal)).toBe(utc("2024-06-04T09:30:00Z"));
  });

  it("returns the start for zero minutes inside hours, and the next opening outside", () => {
    expect(add("2024-06-03T09:00:00Z", 0, cal)).toBe(utc("2024-06-03T09:00:00Z"));
    expect(add("2024-06-03T12:34:56Z", 0, cal)).toBe(utc("2024-06-03T12:34:56Z"));
    expect(add("2024-06-03T17:00:00Z", 0, cal)).toBe(utc("2024-06-04T09:00:00Z"));
    expect(add("2024-06-08T12:00:00Z", 0, cal)).toBe(utc("2024-06-10T09:00:00Z"));
  });

  it("counts minutes between two instants", () => {
    expect(between("2024-06-03T10:00:00Z", "2024-06-03T11:30:00Z", cal)).toBe(90);
    expect(between("2024-06-07T16:00:00Z", "2024-06-10T10:00:00Z", cal)).toBe(120);
    expect(between("2024-06-08T00:00:00Z", "2024-06-09T23:59:59Z", cal)).toBe(0);
    expect(between("2024-06-03T00:00:00Z", "2024-06-17T00:00:00Z", cal)).toBe(10 * 480);
    expect(between("2024-06-03T10:00:00Z", "2024-06-03T10:00:30Z", cal)).toBe(0.5);
  });

  it("gives 0 when the end is not after the start", () => {
    expect(between("2024-06-03T11:00:00Z", "2024-06-03T11:00:00Z", cal)).toBe(0);
    expect(between("2024-06-03T12:00:00Z", "2024-06-03T11:00:00Z", cal)).toBe(0);
  });

  it("includes the opening and excludes the closing instant", () => {
    expect(within("2024-06-03T08:59:59.999Z", cal)).toBe(false);
    expect(within("2024-06-03T09:00:00Z", cal)).toBe(true);
    expect(within("2024-06-03T16:59:59.999Z", cal)).toBe(true);
    expect(within("2024-06-03T17:00:00Z", cal)).toBe(false);
    expect(within("2024-06-08T12:00:00Z", cal)).toBe(false);
  });
});

describe("holidays", () => {
  it("pushes past a Monday holiday to Tuesday", () => {
    const cal = calendar("UTC", undefined, undefined, ["2024-06-10"]);
    expect(add("2024-06-07T16:00:00Z", 120, cal)).toBe(utc("2024-06-11T10:00:00Z"));
    expect(within("2024-06-10T12:00:00Z", cal)).toBe(false);
    expect(between("2024-06-07T00:00:00Z", "2024-06-12T00:00:00Z", cal)).toBe(2 * 480);
  });

  it("skips consecutive holidays", () => {
    const cal = calendar("UTC", undefined, undefined, ["2024-06-10", "2024-06-11"]);
    expect(add("2024-06-07T16:00:00Z", 120, cal)).toBe(utc("2024-06-12T10:00:00Z"));
  });

  it("changes nothing when the holiday falls on a weekend", () => {
    const cal = calendar("UTC", undefined, undefined, ["2024-06-08", "2024-06-09"]);
    expect(add("2024-06-07T16:00:00Z", 120, cal)).toBe(utc("2024-06-10T10:00:00Z"));
  });

  it("closes the local date, not the UTC one", () => {
    // Berlin is UTC+2 in June: Monday 2024-06-10 runs from 2024-06-09T22:00Z to 2024-06-10T22:00Z.
    const cal = calendar("Europe/Berlin", allDay, everyDay, ["2024-06-10"]);
    expect(within("2024-06-09T21:59:59Z", cal)).toBe(true);
    expect(within("2024-06-09T22:00:00Z", cal)).toBe(false);
    expect(within("2024-06-10T21:59:59Z", cal)).toBe(false);
    expect(within("2024-06-10T22:00:00Z", cal)).toBe(true);
    expect(add("2024-06-09T21:00:00Z", 120, cal)).toBe(utc("2024-06-10T23:00:00Z"));
  });
});

describe("lunch breaks", () => {
  const cal = calendar("UTC", [
    { start: "09:00", end: "12:00" },
    { start: "13:00", end: "17:00" },
  ]);

  it("skips the break", () => {
    expect(add("2024-06-03T11:00:00Z", 120, cal)).toBe(utc("2024-06-03T14:00:00Z"));
    expect(add("2024-06-03T11:00:00Z", 60, cal)).toBe(utc("2024-06-03T12:00:00Z"));
    expect(add("2024-06-03T12:30:00Z", 0, cal)).toBe(utc("2024-06-03T13:00:00Z"));
    expect(within("2024-06-03T12:30:00Z", cal)).toBe(false);
    expect(between("2024-06-03T09:00:00Z", "2024-06-03T17:00:00Z", cal)).toBe(420);
  });

  it("treats touching intervals as one stretch", () => {
    const touching = calendar("UTC", [
      { start: "09:00", end: "12:00" },
      { start: "12:00", end: "17:00" },
    ]);
    expect(add("2024-06-03T11:00:00Z", 120, touching)).toBe(utc("2024-06-03T13:00:00Z"));
    expect(within("2024-06-03T12:00:00Z", touching)).toBe(true);
  });
});

describe("time zones (June, no DST change)", () => {
  it("uses local hours in Berlin, New York and Kolkata", () => {
    const berlin = calendar("Europe/Berlin");
    expect(add("2024-06-07T16:00:00+02:00", 120, berlin)).toBe(utc("2024-06-10T10:00:00+02:00"));
    expect(within("2024-06-03T08:30:00Z", berlin)).toBe(true); // 10:30 local
    expect(within("2024-06-03T15:30:00Z", berlin)).toBe(false); // 17:30 local

    const newYork = calendar("America/New_York");
    expect(add("2024-06-07T16:00:00-04:00", 120, newYork)).toBe(utc("2024-06-10T10:00:00-04:00"));
    expect(add("2024-06-03T20:00:00Z", 60, newYork)).toBe(utc("2024-06-03T17:00:00-04:00")); // 16:00 local

    const kolkata = calendar("Asia/Kolkata");
    expect(add("2024-06-03T09:00:00+05:30", 480, kolkata)).toBe(utc("2024-06-03T17:00:00+05:30"));
    expect(add("2024-06-07T16:00:00+05:30", 120, kolkata)).toBe(utc("2024-06-10T10:00:00+05:30"));
  });

  it("takes the weekday from the local date", () => {
    // Sunday 23:00 UTC is already Monday 04:30 in Kolkata, and Friday 22:00 UTC is still Friday in New York.
    expect(add("2024-06-09T23:00:00Z", 60, calendar("Asia/Kolkata"))).toBe(utc("2024-06-10T10:00:00+05:30"));
    expect(within("2024-06-07T20:30:00Z", calendar("America/New_York"))).toBe(true);
    expect(within("2024-06-07T20:30:00Z", calendar("Asia/Kolkata"))).toBe(false);
  });

  it("handles Lord Howe's half-hour offset", () => {
    const lordHowe = calendar("Australia/Lord_Howe"); // UTC+10:30 in June
    expect(add("2024-06-07T16:00:00+10:30", 120, lordHowe)).toBe(utc("2024-06-10T10:00:00+10:30"));
  });
});

describe("24/7 calendars", () => {
  it("equal plain elapsed minutes, also across DST changes", () => {
    for (const zone of ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe"]) {
      const cal = calendar(zone, allDay, everyDay);
      for (const start of ["2024-03-09T12:00:00Z", "2024-03-30T12:00:00Z", "2024-10-05T12:00:00Z", "2024-10-26T12:34:00Z", "2024-11-02T23:59:00Z"]) {
        for (const minutes of [0, 1, 90, 24 * 60, 3 * 24 * 60 + 7]) {
          const expected = new Date(new Date(start).getTime() + minutes * 60_000).toISOString();
          expect(add(start, minutes, cal), `${zone} ${start} + ${minutes}`).toBe(expected);
          expect(between(start, expected, cal)).toBe(minutes);
        }
      }
    }
  });
});

describe("DST weeks", () => {
  it("Berlin spring forward (Sunday 2024-03-31, 02:00 → 03:00)", () => {
    expect(add("2024-03-29T16:00:00+01:00", 120, calendar("Europe/Berlin"))).toBe(utc("2024-04-01T10:00:00+02:00"));
    const daily = calendar("Europe/Berlin", undefined, everyDay);
    expect(between("2024-03-31T00:00:00+01:00", "2024-04-01T00:00:00+02:00", daily)).toBe(480);
    expect(add("2024-03-30T16:00:00+01:00", 120, daily)).toBe(utc("2024-03-31T10:00:00+02:00"));
  });

  it("Berlin fall back (Sunday 2024-10-27, 03:00 → 02:00)", () => {
    expect(add("2024-10-25T16:00:00+02:00", 120, calendar("Europe/Berlin"))).toBe(utc("2024-10-28T10:00:00+01:00"));
    const daily = calendar("Europe/Berlin", undefined, everyDay);
    expect(between("2024-10-27T00:00:00+02:00", "2024-10-28T00:00:00+01:00", daily)).toBe(480);
    expect(add("2024-10-26T16:00:00+02:00", 120, daily)).toBe(utc("2024-10-27T10:00:00+01:00"));
  });

  it("New York spring forward (2024-03-10) and fall back (2024-11-03)", () => {
    const cal = calendar("America/New_York");
    expect(add("2024-03-08T16:00:00-05:00", 120, cal)).toBe(utc("2024-03-11T10:00:00-04:00"));
    expect(add("2024-11-01T16:00:00-04:00", 120, cal)).toBe(utc("2024-11-04T10:00:00-05:00"));
    const daily = calendar("America/New_York", undefined, everyDay);
    expect(between("2024-03-10T00:00:00-05:00", "2024-03-11T00:00:00-04:00", daily)).toBe(480);
    expect(between("2024-11-03T00:00:00-04:00", "2024-11-04T00:00:00-05:00", daily)).toBe(480);
  });

  it("counts only the night hours that exist, and the repeated hour twice", () => {
    const night = [{ start: "01:00", end: "04:00" }];
    const sundayNight = (zone: string) => calendar(zone, night, [7]);
    // Spring forward: 01:00–04:00 local is 2 real hours (2½ on Lord Howe, which moves by 30 minutes).
    expect(between("2024-03-30T00:00:00Z", "2024-04-01T00:00:00Z", sundayNight("Europe/Berlin"))).toBe(120);
    expect(between("2024-03-09T00:00:00Z", "2024-03-11T12:00:00Z", sundayNight("America/New_York"))).toBe(120);
    expect(between("2024-10-05T00:00:00Z", "2024-10-07T00:00:00Z", sundayNight("Australia/Lord_Howe"))).toBe(150);
    // Fall back: 4 real hours (3½ on Lord Howe).
    expect(between("2024-10-26T00:00:00Z", "2024-10-28T00:00:00Z", sundayNight("Europe/Berlin"))).toBe(240);
    expect(between("2024-11-02T00:00:00Z", "2024-11-04T12:00:00Z", sundayNight("America/New_York"))).toBe(240);
    expect(between("2024-04-06T00:00:00Z", "2024-04-08T00:00:00Z", sundayNight("Australia/Lord_Howe"))).toBe(210);
    expect(add("2024-03-31T01:30:00+01:00", 60, sundayNight("Europe/Berlin"))).toBe(utc("2024-03-31T03:30:00+02:00"));
  });

  it("opens at the first valid instant when the opening time falls in the gap", () => {
    const cal = calendar("Europe/Berlin", [{ start: "02:30", end: "05:00" }], [7]);
    expect(add("2024-03-31T00:00:00Z", 0, cal)).toBe(utc("2024-03-31T03:00:00+02:00"));
    expect(within("2024-03-31T01:59:59+01:00", cal)).toBe(false);
    expect(within("2024-03-31T03:00:00+02:00", cal)).toBe(true);
    expect(between("2024-03-30T00:00:00Z", "2024-04-01T00:00:00Z", cal)).toBe(120);
    // An interval wholly inside the gap has no business time at all.
    const lost = calendar("Europe/Berlin", [{ start: "02:10", end: "02:50" }, { start: "09:00", end: "10:00" }], [7]);
    expect(between("2024-03-30T00:00:00Z", "2024-04-01T00:00:00Z", lost)).toBe(60);
  });

  it("takes the first occurrence of an ambiguous opening time", () => {
    const cal = calendar("Europe/Berlin", [{ start: "02:30", end: "03:00" }], [7]);
    expect(add("2024-10-27T00:00:00Z", 0, cal)).toBe(utc("2024-10-27T02:30:00+02:00"));
    // 02:30 CEST until 03:00 CET: the repeated hour counts too.
    expect(between("2024-10-26T00:00:00Z", "2024-10-28T00:00:00Z", cal)).toBe(90);
  });
});

/** mulberry32: a small seeded generator, so the samples are the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

describe("businessMinutesBetween inverts addBusinessMinutes", () => {
  const calendars: BusinessCalendar[] = [
    calendar("UTC"),
    calendar("Europe/Berlin", [{ start: "08:00", end: "12:00" }, { start: "13:00", end: "17:30" }], undefined, ["2024-03-29", "2024-04-01", "2024-12-25", "2024-12-26"]),
    calendar("America/New_York", undefined, [1, 2, 3, 4, 5, 6]),
    calendar("Asia/Kolkata", [{ start: "09:30", end: "18:00" }]),
    calendar("Australia/Lord_Howe", [{ start: "01:00", end: "04:00" }, { start: "20:00", end: "24:00" }], everyDay),
  ];

  it("on 200 pseudo-random starts and durations across 2024", () => {
    const random = seededRandom(20_240_601);
    const yearStart = Date.parse("2024-01-01T00:00:00Z");
    for (let sample = 0; sample < 200; sample += 1) {
      const cal = calendars[sample % calendars.length]!;
      const start = new Date(yearStart + Math.floor(random() * 366 * 24 * 60) * 60_000);
      const minutes = Math.floor(random() * 10_000);
      const due = addBusinessMinutes(start, minutes, cal);
      const label = `${cal.timeZone} ${start.toISOString()} + ${minutes}`;
      expect(businessMinutesBetween(start, due, cal), label).toBe(minutes);
      if (minutes > 0) expect(isWithinBusinessHours(new Date(due.getTime() - 1), cal), label).toBe(true);
      expect(addBusinessMinutes(start, minutes + 1, cal).getTime(), label).toBeGreaterThan(due.getTime());
    }
  });
});

describe("validateCalendar", () => {
  const valid = calendar("Europe/Berlin", [{ start: "09:00", end: "12:00" }, { start: "13:00", end: "24:00" }], undefined, ["2024-12-25"]);
  /** The valid calendar with Monday's hours replaced. */
  const monday = (hours: BusinessInterval[]) => ({ ...valid, weekly: { ...valid.weekly, 1: hours } });

  it("accepts a sound calendar", () => {
    expect(validateCalendar(valid)).toEqual([]);
    expect(validateCalendar(calendar("UTC", allDay, everyDay))).toEqual([]);
  });

  it("catches each kind of mistake", () => {
    expect(validateCalendar({ ...valid, timeZone: "Mars/Olympus_Mons" })).toEqual([expect.stringMatching(/time zone/)]);
    expect(validateCalendar({ ...valid, timeZone: "" })).toEqual([expect.stringMatching(/time zone/)]);
    for (const bad of ["9:00", "25:00", "12:60", "noon", "24:00"]) {
      expect(validateCalendar(monday([{ start: bad, end: "17:00" }])), bad).toEqual([expect.stringMatching(/^Monday .*start is not a time/)]);
    }
    expect(validateCalendar(monday([{ start: "09:00", end: "24:30" }]))).toEqual([expect.stringMatching(/end is not a time/)]);
    expect(validateCalendar(monday([{ start: "17:00", end: "09:00" }]))).toEqual([expect.stringMatching(/start is not before the end/)]);
    expect(validateCalendar(monday([{ start: "09:00", end: "09:00" }]))).toEqual([expect.stringMatching(/start is not before the end/)]);
    expect(validateCalendar(monday([{ start: "09:00", end: "13:00" }, { start: "12:00", end: "17:00" }]))).toEqual([expect.stringMatching(/overlaps 09:00–13:00/)]);
    expect(validateCalendar(monday([{ start: "13:00", end: "17:00" }, { start: "09:00", end: "12:00" }]))).toEqual([expect.stringMatching(/not in order/)]);
    for (const bad of ["2024-02-30", "2024-13-01", "24-06-10", "2024-6-1"]) {
      expect(validateCalendar({ ...valid, holidays: [bad] }), bad).toEqual([`Holiday "${bad}" is not a date (YYYY-MM-DD).`]);
    }
    expect(validateCalendar({ ...valid, holidays: ["2024-02-29"] })).toEqual([]);
    expect(validateCalendar(calendar("UTC", [], everyDay))).toEqual(["The calendar has no business hours on any day."]);
  });

  it("catches malformed data from outside the type system", () => {
    const { 3: _wednesday, ...missingWednesday } = valid.weekly;
    void _wednesday;
    expect(validateCalendar({ ...valid, weekly: missingWednesday } as unknown as BusinessCalendar)).toEqual([expect.stringMatching(/^Wednesday has no list/)]);
    expect(validateCalendar({ ...valid, weekly: { ...valid.weekly, 0: [] } } as unknown as BusinessCalendar)).toEqual([expect.stringMatching(/"0" is not a weekday/)]);
  });

  it("makes the arithmetic refuse an invalid calendar, bad minutes and bad dates", () => {
    const broken = monday([{ start: "17:00", end: "09:00" }]);
    expect(() => add("2024-06-03T10:00:00Z", 60, broken)).toThrow(AppError);
    expect(() => add("2024-06-03T10:00:00Z", 60, broken)).toThrow(/start is not before the end/);
    expect(() => between("2024-06-03T10:00:00Z", "2024-06-04T10:00:00Z", broken)).toThrow(AppError);
    expect(() => within("2024-06-03T10:00:00Z", broken)).toThrow(AppError);
    expect(() => add("2024-06-03T10:00:00Z", -1, valid)).toThrow(AppError);
    expect(() => add("2024-06-03T10:00:00Z", Number.NaN, valid)).toThrow(AppError);
    expect(() => add("not a date", 1, valid)).toThrow(AppError);
  });

  it("throws a clear error when no business time comes for over a year", () => {
    // Open on Mondays only, and every Monday of 2024 and 2025 is a holiday.
    const mondays = Array.from({ length: 105 }, (_, week) => new Date(Date.parse("2024-01-01") + week * 7 * 86_400_000).toISOString().slice(0, 10));
    const cal = calendar("UTC", undefined, [1], mondays);
    expect(validateCalendar(cal)).toEqual([]);
    expect(() => add("2024-01-01T10:00:00Z", 1, cal)).toThrow(/no business hours for over 400 days/);
    expect(add("2024-01-01T10:00:00Z", 1, { ...cal, holidays: mondays.slice(0, 50) })).toBe(utc("2024-12-16T09:01:00Z"));
  });
});

describe("performance", () => {
  it("adds 5,000 and 10,000 minutes by the day, not the minute", () => {
    const cal = calendar("Europe/Berlin", [{ start: "09:00", end: "12:00" }, { start: "13:00", end: "17:00" }], undefined, ["2024-03-29", "2024-04-01"]);
    const started = performance.now();
    const due = addBusinessMinutes(new Date("2024-03-25T10:00:00+01:00"), 5_000, cal);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(200);
    expect(businessMinutesBetween(new Date("2024-03-25T10:00:00+01:00"), due, cal)).toBe(5_000);
    expect(businessMinutesBetween(new Date("2024-03-25T10:00:00+01:00"), addBusinessMinutes(new Date("2024-03-25T10:00:00+01:00"), 10_000, cal), cal)).toBe(10_000);
  });
});
