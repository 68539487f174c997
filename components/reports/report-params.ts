import { ticketChannels, ticketPriorities, type TicketChannel, type TicketPriority } from "@/lib/vocabularies";

/** The reports page's state, kept in the URL so a view can be shared and reloaded. */
export const rangePresets = { "7d": "Last 7 days", "30d": "Last 30 days", "90d": "Last 90 days", "12m": "Last 12 months", custom: "Custom range" } as const;
export type RangePreset = keyof typeof rangePresets;
export const bucketLabels = { day: "By day", week: "By week", month: "By month" } as const;
export type Bucket = keyof typeof bucketLabels;

export interface ReportParams {
  preset: RangePreset;
  from: string;
  to: string;
  bucket: Bucket;
  filters: { teamId?: string; categoryId?: string; priority?: TicketPriority; channel?: TicketChannel };
}

const DAY = 86_400_000;
const isDate = (value: string | null): value is string => !!value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
const pick = <T extends string>(value: string | null, allowed: readonly T[]): T | undefined => (allowed as readonly string[]).includes(value ?? "") ? (value as T) : undefined;
const shift = (date: string, days: number) => new Date(Date.parse(date) + days * DAY).toISOString().slice(0, 10);

/** Today's date where the viewer is. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** Days for short ranges, weeks up to half a year, months beyond. */
export function autoBucket(from: string, to: string): Bucket {
  const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
  return days <= 45 ? "day" : days <= 200 ? "week" : "month";
}

export function parseReportParams(params: URLSearchParams, timeZone: string): ReportParams {
  const today = todayIn(timeZone);
  const preset = pick(params.get("range"), Object.keys(rangePresets) as RangePreset[]) ?? "30d";
  let from: string;
  let to = today;
  if (preset === "custom") {
    from = isDate(params.get("from")) ? params.get("from")! : shift(today, -29);
    to = isDate(params.get("to")) ? params.get("to")! : today;
  } else {
    from = preset === "12m" ? shift(today, -364) : shift(today, -(Number.parseInt(preset, 10) - 1));
  }
  return {
    preset,
    from,
    to,
    bucket: pick(params.get("bucket"), ["day", "week", "month"] as const) ?? autoBucket(from, to),
    filters: {
      teamId: params.get("team") || undefined,
      categoryId: params.get("category") || undefined,
      priority: pick(params.get("priority"), ticketPriorities),
      channel: pick(params.get("channel"), ticketChannels),
    },
  };
}
