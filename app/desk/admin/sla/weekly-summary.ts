import type { WeeklyHours } from "@/db/schema/calendars";

/** Weekday keys of a stored calendar, Monday first, with their names. */
export const weekdays = [
  { key: "1", short: "Mon", name: "Monday" },
  { key: "2", short: "Tue", name: "Tuesday" },
  { key: "3", short: "Wed", name: "Wednesday" },
  { key: "4", short: "Thu", name: "Thursday" },
  { key: "5", short: "Fri", name: "Friday" },
  { key: "6", short: "Sat", name: "Saturday" },
  { key: "7", short: "Sun", name: "Sunday" },
] as const satisfies readonly { key: keyof WeeklyHours; short: string; name: string }[];

function hoursOfDay(intervals: { start: string; end: string }[]): string {
  if (intervals.length === 1 && intervals[0]?.start === "00:00" && intervals[0].end === "24:00") return "all day";
  return intervals.map(({ start, end }) => `${start}–${end}`).join(", ");
}

/**
 * A compact line for a week: "Mon–Fri 09:00–17:00 · Sat 10:00–14:00".
 * Consecutive days with the same hours are grouped; closed days are left out.
 */
export function weeklySummary(weekly: WeeklyHours): string {
  const groups: { from: string; to: string; hours: string; days: number }[] = [];
  let previousKey: string | null = null;
  for (const day of weekdays) {
    const intervals = weekly[day.key] ?? [];
    if (intervals.length === 0) {
      previousKey = null;
      continue;
    }
    const hours = hoursOfDay(intervals);
    const last = groups.at(-1);
    if (last && previousKey !== null && last.hours === hours) {
      last.to = day.short;
      last.days += 1;
    } else {
      groups.push({ from: day.short, to: day.short, hours, days: 1 });
    }
    previousKey = day.key;
  }
  if (groups.length === 0) return "No business hours";
  if (groups.length === 1 && groups[0]?.days === 7) return groups[0].hours === "all day" ? "Around the clock" : `Every day ${groups[0].hours}`;
  return groups.map((group) => `${group.days === 1 ? group.from : `${group.from}–${group.to}`} ${group.hours}`).join(" · ");
}
