import { formatDuration } from "../sla-time";

type Kind = "text" | "date" | "count" | "minutes" | "percent";
const counts = new Intl.NumberFormat("en");
const months = new Intl.DateTimeFormat("en", { month: "short", year: "numeric", timeZone: "UTC" });
const days = new Intl.DateTimeFormat("en", { day: "numeric", month: "short", timeZone: "UTC" });

/** A report value as people read it: "1,204", "3 h 20 min", "92.5%", "3 Nov". */
export function formatValue(kind: Kind, value: string | number | null): string {
  if (value === null || value === "") return "—";
  if (kind === "count") return counts.format(Number(value));
  if (kind === "percent") return `${value}%`;
  if (kind === "minutes") return formatDuration(Number(value) * 60_000);
  return String(value);
}

/** A bucket's label on an axis: "3 Nov" for days and weeks, "Nov 2026" for months. */
export function bucketLabel(bucket: string, size: "day" | "week" | "month"): string {
  const date = new Date(`${bucket}T00:00:00Z`);
  return size === "month" ? months.format(date) : days.format(date);
}
