import "server-only";
import { z } from "zod";
import { customFieldKeyPattern } from "@/lib/custom-field-vocabulary";
import { ticketChannels, ticketPriorities } from "@/lib/vocabularies";
import { isKnownTimeZone } from "@/server/sla/wall-clock";

/**
 * What every report takes: a range of local dates (both ends included) in
 * the viewer's time zone, a bucket size for series, and ticket filters.
 */
export const reportBuckets = ["day", "week", "month"] as const;
export type ReportBucket = (typeof reportBuckets)[number];
export const breakdownDimensions = ["team", "category", "organization", "priority", "channel"] as const;
/** A drop-down ticket field as a breakdown dimension: "field:<key>". */
export type CustomFieldDimension = `field:${string}`;
export type BreakdownDimension = (typeof breakdownDimensions)[number] | CustomFieldDimension;

/** The dimensions a breakdown takes: the fixed ones, or field:<key> (whether that field exists is checked when the report runs). */
export const breakdownDimensionInput = z.union(
  [z.enum(breakdownDimensions), z.templateLiteral(["field:", z.string().regex(customFieldKeyPattern)])],
  "Choose team, category, organization, priority, channel, or field:<key> of a drop-down ticket field.",
);

const DAY = 86_400_000;
const MAX_DAYS = 3 * 366;
const MAX_BUCKETS = 400;

const isoDate = z.iso.date("Use a date like 2026-11-26.");

export const reportFiltersInput = z
  .object({
    teamId: z.uuid().optional(),
    categoryId: z.uuid().optional(),
    organizationId: z.uuid().optional(),
    assigneeId: z.uuid().optional(),
    priority: z.enum(ticketPriorities).optional(),
    channel: z.enum(ticketChannels).optional(),
  })
  .default({});
export type ReportFilters = z.infer<typeof reportFiltersInput>;

export const reportInput = z
  .object({
    from: isoDate,
    to: isoDate,
    timeZone: z.string().refine(isKnownTimeZone, "That is not a known time zone."),
    bucket: z.enum(reportBuckets).default("day"),
    filters: reportFiltersInput,
  })
  .superRefine((input, ctx) => {
    const days = (Date.parse(input.to) - Date.parse(input.from)) / DAY + 1;
    if (days < 1) ctx.addIssue({ code: "custom", path: ["to"], message: "The end date is before the start date." });
    else if (days > MAX_DAYS) ctx.addIssue({ code: "custom", path: ["from"], message: "Choose a range of at most three years." });
    else if (bucketKeys(input).length > MAX_BUCKETS) ctx.addIssue({ code: "custom", path: ["bucket"], message: "Too many points: choose weeks or months for a range this long." });
  });
export type ReportInput = z.infer<typeof reportInput>;

export const breakdownInput = z.intersection(reportInput, z.object({ dimension: breakdownDimensionInput }));

/**
 * The range of equal length just before `input`'s, as local dates: what the
 * summary compares with ("vs previous 30 days").
 */
export function previousRangeOf(input: { from: string; to: string }): { from: string; to: string; days: number } {
  const days = Math.round((Date.parse(input.to) - Date.parse(input.from)) / DAY) + 1;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: day(Date.parse(input.from) - days * DAY), to: day(Date.parse(input.from) - DAY), days };
}

/**
 * The buckets of a range as local dates (YYYY-MM-DD): every day, every
 * Monday (ISO weeks, as PostgreSQL's date_trunc) or every first of a month
 * that a date of the range falls in. Dates are calendar dates, so plain UTC
 * arithmetic on them is exact.
 */
export function bucketKeys(input: { from: string; to: string; bucket: ReportBucket }): string[] {
  const start = Date.parse(input.from);
  const end = Date.parse(input.to);
  const keys: string[] = [];
  let at = start;
  if (input.bucket === "week") at -= ((new Date(at).getUTCDay() + 6) % 7) * DAY;
  if (input.bucket === "month") at = Date.UTC(new Date(at).getUTCFullYear(), new Date(at).getUTCMonth(), 1);
  while (at <= end && keys.length <= MAX_BUCKETS) {
    keys.push(new Date(at).toISOString().slice(0, 10));
    if (input.bucket === "day") at += DAY;
    else if (input.bucket === "week") at += 7 * DAY;
    else at = Date.UTC(new Date(at).getUTCFullYear(), new Date(at).getUTCMonth() + 1, 1);
  }
  return keys;
}
