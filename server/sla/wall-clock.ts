import "server-only";

/**
 * Wall-clock time in an IANA time zone, on top of Intl.DateTimeFormat (no date
 * library is installed, and the zone database ships with Node's ICU).
 *
 * Instants are epoch milliseconds. A "wall time" is the local date and time
 * encoded as if it were UTC (`Date.UTC(y, m, d, h, min)`), so local dates can
 * be counted as day numbers: `Math.floor(wall / DAY)`.
 *
 * Turning a wall time back into an instant is not one-to-one around DST:
 * - a wall time that does not exist (the spring-forward gap, e.g. 02:30 in
 *   Berlin on the last Sunday of March) resolves to the first instant after
 *   the gap (03:00 CEST), so an interval reaching into a gap only counts the
 *   time that exists;
 * - an ambiguous wall time (the fall-back overlap, e.g. 02:30 in Berlin on the
 *   last Sunday of October) resolves to its first occurrence (02:30 CEST).
 * This assumes at most one offset change within a day of the wall time, which
 * holds for every zone in current use.
 */

export const MINUTE = 60_000;
export const DAY = 86_400_000;
const SECOND = 1_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter costs far more than using one, so each zone gets one. Throws RangeError for an unknown zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isKnownTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === "") return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The zone's wall time at `instant`. */
export function wallTimeAt(instant: number, timeZone: string): number {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const millis = ((instant % SECOND) + SECOND) % SECOND;
  // `% 24` guards against ICU builds that still print midnight as "24".
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour % 24, fields.minute, fields.second) + millis;
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive). */
export function offsetAt(instant: number, timeZone: string): number {
  return wallTimeAt(instant, timeZone) - instant;
}

/** The local date holding `instant`, as a day number (days since 1970-01-01). */
export function localDayOf(instant: number, timeZone: string): number {
  return Math.floor(wallTimeAt(instant, timeZone) / DAY);
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a day number; 1970-01-01 was a Thursday. */
export function isoWeekdayOf(day: number): 1 | 2 | 3 | 4 | 5 | 6 | 7 {
  return (((((day + 3) % 7) + 7) % 7) + 1) as 1 | 2 | 3 | 4 | 5 | 6 | 7;
}

/** The instant at which the zone's clock reads `wall`; gaps and overlaps as described at the top. */
export function instantOfWallTime(wall: number, timeZone: string): number {
  // The offsets a day either side are the only ones that can apply at `wall`.
  const offsetBefore = offsetAt(wall - DAY, timeZone);
  const offsetAfter = offsetAt(wall + DAY, timeZone);
  const candidates = [wall - offsetBefore, wall - offsetAfter]
    .filter((instant) => wallTimeAt(instant, timeZone) === wall)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first !== undefined) return first;
  if (offsetAfter <= offsetBefore) return wall - offsetAfter; // not a gap after all; unreachable for real zones
  // In a gap: find the first instant whose wall time is at or after `wall` (the
  // moment the clocks jump). Transitions fall on whole seconds.
  let low = Math.floor((wall - offsetAfter) / SECOND); // wall time still before `wall`
  let high = Math.ceil((wall - offsetBefore) / SECOND); // wall time already past `wall`
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (wallTimeAt(middle * SECOND, timeZone) >= wall) high = middle;
    else low = middle;
  }
  return high * SECOND;
}
