import "server-only";
import { z } from "zod";
import { ticketPriorities, type WeeklyHours } from "@/db/schema";
import { validateCalendar } from "@/server/sla/business-hours";
import { businessCalendarOf } from "@/server/sla/stored-calendar";
import { isKnownTimeZone } from "@/server/sla/wall-clock";

/**
 * Inputs of the SLA admin router. Messages are written for the form that
 * shows them; weekly hours and holidays are checked by the same
 * validateCalendar the SLA clock uses, so the admin reads its words.
 */

const recordId = z.uuid("Reload the page and try again.");

// Business-hours calendars

const clockTime = z.string("Enter times as HH:MM.").max(5, "Enter times as HH:MM.");
const dayHours = z
  .array(z.object({ start: clockTime, end: clockTime }), "List the hours of each weekday.")
  .max(6, "Use at most 6 intervals a day.");
const openAllWeek: WeeklyHours = {
  "1": [{ start: "00:00", end: "24:00" }],
  "2": [{ start: "00:00", end: "24:00" }],
  "3": [{ start: "00:00", end: "24:00" }],
  "4": [{ start: "00:00", end: "24:00" }],
  "5": [{ start: "00:00", end: "24:00" }],
  "6": [{ start: "00:00", end: "24:00" }],
  "7": [{ start: "00:00", end: "24:00" }],
};

/** "1" = Monday … "7" = Sunday; an empty list is a closed day. */
const weeklyHours = z
  .strictObject(
    { "1": dayHours, "2": dayHours, "3": dayHours, "4": dayHours, "5": dayHours, "6": dayHours, "7": dayHours },
    { error: (issue) => (issue.code === "unrecognized_keys" ? "Weekdays are 1 (Monday) to 7 (Sunday)." : "Set the hours of every weekday.") },
  )
  .superRefine((weekly, ctx) => {
    // Only the weekly part is under test here: the zone and holidays are checked by their own fields.
    for (const problem of validateCalendar(businessCalendarOf({ timeZone: "UTC", weekly, holidays: [] }))) {
      ctx.addIssue({ code: "custom", message: problem });
    }
  });

const holidayList = z
  .array(z.string("Enter holidays as dates (YYYY-MM-DD).").max(20, "Enter holidays as dates (YYYY-MM-DD)."), "List the holidays.")
  .max(500, "Keep the list under 500 holidays; remove past years.")
  .superRefine((holidays, ctx) => {
    for (const problem of validateCalendar(businessCalendarOf({ timeZone: "UTC", weekly: openAllWeek, holidays }))) {
      ctx.addIssue({ code: "custom", message: problem });
    }
  })
  .transform((holidays) => [...new Set(holidays)].sort())
  .default([]);

const calendarFields = {
  name: z.string("Name the calendar.").trim().min(1, "Name the calendar.").max(80, "Keep calendar names under 80 characters."),
  timeZone: z
    .string("Choose a time zone.")
    .trim()
    .min(1, "Choose a time zone.")
    .max(100, "Choose a time zone from the list.")
    .refine(isKnownTimeZone, "That is not a known time zone. Choose one from the list."),
  weekly: weeklyHours,
  holidays: holidayList,
};
export const createCalendarInput = z.object(calendarFields);
export const updateCalendarInput = z.object({ id: recordId, ...calendarFields });
export const calendarIdInput = z.object({ id: recordId });
export const setTeamCalendarInput = z.object({ teamId: recordId, calendarId: z.uuid("Choose a calendar.").nullable() });

// SLA policies

/** A year of minutes: far beyond any real target, small enough to rule out typos of extra zeros. */
export const maxTargetMinutes = 525_600;

const targetMinutes = (what: string) =>
  z
    .number(`Enter the ${what} target in whole minutes.`)
    .int(`Enter the ${what} target in whole minutes.`)
    .min(1, "Use at least 1 minute.")
    .max(maxTargetMinutes, "Use at most 8,760 hours (a year).")
    .nullable()
    .default(null);

const policyFields = {
  name: z.string("Name the policy.").trim().min(1, "Name the policy.").max(80, "Keep policy names under 80 characters."),
  priority: z.enum(ticketPriorities, "Choose a priority."),
  categoryId: z.uuid("Choose a category.").nullable().default(null),
  organizationId: z.uuid("Choose an organization.").nullable().default(null),
  firstResponseMinutes: targetMinutes("first-response"),
  resolutionMinutes: targetMinutes("resolution"),
  pauseOnPending: z.boolean().default(true),
  pauseOnHold: z.boolean().default(true),
};

function checkTargets(policy: { firstResponseMinutes: number | null; resolutionMinutes: number | null }, ctx: z.RefinementCtx) {
  const { firstResponseMinutes: firstResponse, resolutionMinutes: resolution } = policy;
  if (firstResponse === null && resolution === null) {
    ctx.addIssue({ code: "custom", path: ["firstResponseMinutes"], message: "Set a first-response target, a resolution target, or both." });
  } else if (firstResponse !== null && resolution !== null && firstResponse > resolution) {
    ctx.addIssue({ code: "custom", path: ["resolutionMinutes"], message: "The resolution target cannot be shorter than the first-response target." });
  }
}

export const createPolicyInput = z.object(policyFields).superRefine(checkTargets);
export const updatePolicyInput = z.object({ id: recordId, ...policyFields }).superRefine(checkTargets);
export const policyIdInput = z.object({ id: recordId });
