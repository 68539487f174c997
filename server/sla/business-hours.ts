/**
 * Business-hours arithmetic for SLA due times: pure functions of a calendar
 * (a time zone, weekly hours and holidays), no database and no env.
 *
 * Choices worth knowing:
 * - Hours are local wall-clock times in the calendar's zone, resolved to
 *   instants per local date (DST gaps and overlaps: see ./wall-clock). So an
 *   09:00–17:00 day is 8 real hours even on a DST Sunday, and a 01:00–04:00
 *   night shift is 2 hours on the spring-forward night and 4 on the fall-back one.
 * - Intervals are half-open: 17:00 is outside 09:00–17:00. Adding minutes that
 *   use up an interval exactly ends at its close (16:00 + 60 → 17:00), not at
 *   the next opening.
 * - Zero minutes returns `start` when it is inside hours and the next opening
 *   otherwise: "due now" is not "due" before the desk opens.
 * - An interval belongs to the local date it starts on: a holiday closes that
 *   date's intervals, and a "22:00"–"24:00" shift runs up to midnight.
 * - Work is per local day, never per minute; a calendar that yields no
 *   business time for over a year makes addBusinessMinutes throw.
 * - An invalid calendar (see validateCalendar) throws AppError("INVALID")
 *   rather than being half-used.
 */
import "server-only";
import { AppError } from "@/server/errors";
import { DAY, MINUTE, instantOfWallTime, isKnownTimeZone, isoWeekdayOf, localDayOf } from "./wall-clock";

export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** Local wall-clock "HH:MM", 24h; the end may be "24:00". */
export interface BusinessInterval {
  start: string;
  end: string;
}

export interface BusinessCalendar {
  /** IANA zone, e.g. "Europe/Berlin". */
  timeZone: string;
  /** Working intervals per ISO weekday (1 = Monday … 7 = Sunday), sorted and not overlapping; empty = closed. */
  weekly: Record<IsoWeekday, BusinessInterval[]>;
  /** Local dates (YYYY-MM-DD) closed all day. */
  holidays: string[];
}

const weekdays: readonly IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
const weekdayNames = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
/** Longer than any run of holidays a real calendar could have; guards against looping forever. */
const MAX_DAYS_WITHOUT_HOURS = 400;

const TIME = /^(\d\d):(\d\d)$/;
const DATE = /^(\d{4})-(\d\d)-(\d\d)$/;

/** Minutes after midnight of "HH:MM", or null when malformed. "24:00" is 1440 (valid only as an end). */
function minutesOfDay(time: unknown): number | null {
  const match = typeof time === "string" ? TIME.exec(time) : null;
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

/** Day number (days since 1970-01-01) of "YYYY-MM-DD", or null when it is not a real date. */
function dayOfDate(date: unknown): number | null {
  const match = typeof date === "string" ? DATE.exec(date) : null;
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return time / DAY;
}

/** Human-readable problems with a calendar; [] when it is fine. */
export function validateCalendar(calendar: BusinessCalendar): string[] {
  const problems: string[] = [];
  if (typeof calendar.timeZone !== "string" || !isKnownTimeZone(calendar.timeZone)) {
    problems.push(`"${String(calendar.timeZone)}" is not a known time zone.`);
  }
  const weekly = (calendar.weekly ?? {}) as Partial<Record<string, unknown>>;
  for (const key of Object.keys(weekly)) {
    if (!weekdays.some((weekday) => String(weekday) === key)) problems.push(`"${key}" is not a weekday (use 1 = Monday … 7 = Sunday).`);
  }
  let anyHours = false;
  for (const weekday of weekdays) {
    const name = weekdayNames[weekday];
    const intervals = weekly[weekday];
    if (!Array.isArray(intervals)) {
      problems.push(`${name} has no list of hours (use [] when closed).`);
      continue;
    }
    let previous: { start: number; end: number; label: string } | null = null;
    for (const interval of intervals as Partial<BusinessInterval>[]) {
      const label = `${String(interval?.start)}–${String(interval?.end)}`;
      const start = minutesOfDay(interval?.start);
      const end = minutesOfDay(interval?.end);
      if (start === null || start === 24 * 60) problems.push(`${name} ${label}: the start is not a time between 00:00 and 23:59.`);
      if (end === null) problems.push(`${name} ${label}: the end is not a time between 00:00 and 24:00.`);
      if (start === null || start === 24 * 60 || end === null) continue;
      if (start >= end) {
        problems.push(`${name} ${label}: the start is not before the end.`);
        continue;
      }
      anyHours = true;
      if (previous && start < previous.start) {
        problems.push(`${name} ${label}: intervals are not in order (it comes after ${previous.label}).`);
      } else if (previous && start < previous.end) {
        problems.push(`${name} ${label}: overlaps ${previous.label}.`);
      }
      previous = { start, end, label };
    }
  }
  if (!anyHours) problems.push("The calendar has no business hours on any day.");
  if (!Array.isArray(calendar.holidays)) {
    problems.push("Holidays must be a list of dates (YYYY-MM-DD).");
  } else {
    for (const holiday of calendar.holidays) {
      if (dayOfDate(holiday) === null) problems.push(`Holiday "${String(holiday)}" is not a date (YYYY-MM-DD).`);
    }
  }
  return problems;
}

interface CompiledCalendar {
  timeZone: string;
  /** [start, end) in minutes of the day, per ISO weekday (index 0 unused). */
  weekly: [number, number][][];
  holidays: Set<number>;
}

function compile(calendar: BusinessCalendar): CompiledCalendar {
  const problems = validateCalendar(calendar);
  if (problems.length > 0) throw new AppError("INVALID", `The business calendar is invalid: ${problems.join(" ")}`);
  const weekly: [number, number][][] = [[]];
  for (const weekday of weekdays) {
    weekly.push(calendar.weekly[weekday].map(({ start, end }) => [minutesOfDay(start) ?? 0, minutesOfDay(end) ?? 0]));
  }
  return { timeZone: calendar.timeZone, weekly, holidays: new Set(calendar.holidays.map((date) => dayOfDate(date) ?? NaN)) };
}

/** The business intervals of one local date as instants [open, close), in order; those swallowed by a DST gap are dropped. */
function intervalsOn(day: number, calendar: CompiledCalendar): [number, number][] {
  if (calendar.holidays.has(day)) return [];
  const intervals: [number, number][] = [];
  for (const [start, end] of calendar.weekly[isoWeekdayOf(day)] ?? []) {
    const open = instantOfWallTime(day * DAY + start * MINUTE, calendar.timeZone);
    const close = instantOfWallTime(day * DAY + end * MINUTE, calendar.timeZone);
    if (open < close) intervals.push([open, close]);
  }
  return intervals;
}

function instantOf(date: Date, what: string): number {
  const time = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(time)) throw new AppError("INVALID", `The ${what} is not a valid date.`);
  return time;
}

/**
 * The instant `minutes` business minutes after `start`; counting begins at the
 * next opening when `start` is outside hours. Fractions of a minute are kept
 * to the millisecond.
 */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  const from = instantOf(start, "start");
  if (!Number.isFinite(minutes) || minutes < 0) throw new AppError("INVALID", `Business minutes must be a number of at least 0, not ${minutes}.`);
  const compiled = compile(calendar);
  let remaining = Math.round(minutes * MINUTE);
  let daysWithoutHours = 0;
  // The day before too: with a fall-back at midnight, the previous date's last interval can end after `start`'s date began.
  for (let day = localDayOf(from, compiled.timeZone) - 1; ; day += 1) {
    let found = false;
    for (const [open, close] of intervalsOn(day, compiled)) {
      if (close <= from) continue;
      found = true;
      const begin = Math.max(open, from);
      if (remaining <= close - begin) return new Date(begin + remaining);
      remaining -= close - begin;
    }
    daysWithoutHours = found ? 0 : daysWithoutHours + 1;
    if (daysWithoutHours > MAX_DAYS_WITHOUT_HOURS) {
      throw new AppError("INVALID", `The business calendar has no business hours for over ${MAX_DAYS_WITHOUT_HOURS} days.`);
    }
  }
}

/** Business minutes between two instants (0 when `end` is not after `start`); fractional when they are not on whole minutes. */
export function businessMinutesBetween(start: Date, end: Date, calendar: BusinessCalendar): number {
  const from = instantOf(start, "start");
  const to = instantOf(end, "end");
  const compiled = compile(calendar);
  if (to <= from) return 0;
  let total = 0;
  const lastDay = localDayOf(to, compiled.timeZone) + 1;
  for (let day = localDayOf(from, compiled.timeZone) - 1; day <= lastDay; day += 1) {
    for (const [open, close] of intervalsOn(day, compiled)) {
      const overlap = Math.min(close, to) - Math.max(open, from);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE;
}

/** Whether the instant is inside business hours (opening time included, closing time excluded). */
export function isWithinBusinessHours(at: Date, calendar: BusinessCalendar): boolean {
  const instant = instantOf(at, "time");
  const compiled = compile(calendar);
  const day = localDayOf(instant, compiled.timeZone);
  for (let candidate = day - 1; candidate <= day + 1; candidate += 1) {
    if (intervalsOn(candidate, compiled).some(([open, close]) => open <= instant && instant < close)) return true;
  }
  return false;
}
