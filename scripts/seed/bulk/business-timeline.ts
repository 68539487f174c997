/**
 * Business-hours arithmetic for the bulk seed, over a precomputed list of a
 * calendar's open intervals. It gives the same answers as
 * server/sla/business-hours (the same local-day intervals, the same edge
 * rules; tests/integration/bulk-seed.test.ts compares them), but answers in a
 * binary search instead of formatting dates per local day: the app's version
 * costs 100–200 µs a call, which is half an hour over a million tickets.
 */
import type { BusinessCalendar, IsoWeekday } from "@/server/sla/business-hours";
import { DAY, MINUTE, instantOfWallTime, isoWeekdayOf, localDayOf } from "@/server/sla/wall-clock";

export interface BusinessTimeline {
  /** Business minutes between two instants (0 when `to` is not after `from`). */
  minutesBetween(from: number, to: number): number;
  /** The instant `minutes` business minutes after `from`, counting from the next opening when outside hours. */
  addMinutes(from: number, minutes: number): number;
}

function minutesOfDay(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** Intervals from the local day before `from` to well after `to` (open-ended targets need room past the window). */
export function businessTimeline(calendar: BusinessCalendar, from: number, to: number): BusinessTimeline {
  const holidays = new Set(calendar.holidays.map((date) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY)));
  const opens: number[] = [];
  const closes: number[] = [];
  const firstDay = localDayOf(from, calendar.timeZone) - 1;
  const lastDay = localDayOf(to, calendar.timeZone) + 120;
  for (let day = firstDay; day <= lastDay; day += 1) {
    if (holidays.has(day)) continue;
    for (const { start, end } of calendar.weekly[isoWeekdayOf(day) as IsoWeekday]) {
      const open = instantOfWallTime(day * DAY + minutesOfDay(start) * MINUTE, calendar.timeZone);
      const close = instantOfWallTime(day * DAY + minutesOfDay(end) * MINUTE, calendar.timeZone);
      if (open < close) {
        // Adjacent intervals (a 24-hour calendar) join into one, which changes no sum.
        if (closes.length > 0 && closes[closes.length - 1] === open) closes[closes.length - 1] = close;
        else {
          opens.push(open);
          closes.push(close);
        }
      }
    }
  }
  const count = opens.length;
  // before[i]: business milliseconds from the first opening to opens[i].
  const before = new Float64Array(count + 1);
  for (let i = 0; i < count; i += 1) before[i + 1] = (before[i] ?? 0) + ((closes[i] ?? 0) - (opens[i] ?? 0));
  const limit = closes[count - 1] ?? 0;

  /** Index of the first interval that closes after `instant`. */
  const firstClosingAfter = (instant: number): number => {
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((closes[middle] ?? 0) > instant) high = middle;
      else low = middle + 1;
    }
    return low;
  };
  /** Business milliseconds from the first opening up to `instant`. */
  const cumulative = (instant: number): number => {
    const i = firstClosingAfter(instant);
    if (i >= count) return before[count] ?? 0;
    return (before[i] ?? 0) + Math.max(0, instant - (opens[i] ?? 0));
  };

  return {
    minutesBetween(start, end) {
      if (end <= start) return 0;
      return (cumulative(end) - cumulative(start)) / MINUTE;
    },
    addMinutes(start, minutes) {
      if (start >= limit) throw new Error("businessTimeline: instant past the precomputed window");
      let remaining = Math.round(minutes * MINUTE);
      for (let i = firstClosingAfter(start); i < count; i += 1) {
        const begin = Math.max(opens[i] ?? 0, start);
        const length = (closes[i] ?? 0) - begin;
        if (remaining <= length) return begin + remaining;
        remaining -= length;
      }
      throw new Error("businessTimeline: target past the precomputed window");
    },
  };
}
