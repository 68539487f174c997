/**
 * The bridge between a calendar as stored (JSON weekday keys "1".."7", see
 * db/schema/calendars) and the business-hours arithmetic (numeric ISO
 * weekdays). JSON keys are strings, so the two index the same days; this
 * spells the mapping out instead of casting.
 */
import "server-only";
import type { WeeklyHours } from "@/db/schema";
import type { BusinessCalendar, BusinessInterval } from "./business-hours";

export const weekdayKeys = ["1", "2", "3", "4", "5", "6", "7"] as const satisfies readonly (keyof WeeklyHours)[];
export type WeekdayKey = (typeof weekdayKeys)[number];

export interface StoredCalendar {
  timeZone: string;
  weekly: WeeklyHours;
  holidays: string[];
}

/** The calendar in the shape server/sla/business-hours computes with. */
export function businessCalendarOf(calendar: StoredCalendar): BusinessCalendar {
  const day = (key: WeekdayKey): BusinessInterval[] => calendar.weekly[key] ?? [];
  return {
    timeZone: calendar.timeZone,
    weekly: { 1: day("1"), 2: day("2"), 3: day("3"), 4: day("4"), 5: day("5"), 6: day("6"), 7: day("7") },
    holidays: calendar.holidays,
  };
}
