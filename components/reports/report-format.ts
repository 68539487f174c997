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

/** Whether a rise is good news: more solved, SLA met and satisfaction; longer times and more reopens are not. Counts of work coming in are neither. */
const riseIs: Record<string, "better" | "worse"> = {
  solved: "better",
  slaMet: "better",
  percentGood: "better",
  firstResponseMedian: "worse",
  firstResponseP90: "worse",
  resolutionMedian: "worse",
  resolutionP90: "worse",
  reopenRate: "worse",
};

const points = new Intl.NumberFormat("en", { maximumFractionDigits: 1 });

/**
 * A figure's change against the previous period, in words first (colour
 * only repeats them): "Up 12% vs previous 30 days (better)". Percent figures
 * change in points, the others in percent of the previous value.
 */
export function changeText(key: string, kind: Kind, change: number | null | undefined, days: number): { text: string; tone: "better" | "worse" | "neutral"; arrow: string } {
  const period = days === 1 ? "the previous day" : `previous ${days} days`;
  if (change === null || change === undefined) return { text: `Nothing to compare with in the ${period.replace(/^the /, "")}`, tone: "neutral", arrow: "" };
  if (change === 0) return { text: `No change vs ${period}`, tone: "neutral", arrow: "→" };
  const size = kind === "percent" ? `${points.format(Math.abs(change))} ${Math.abs(change) === 1 ? "point" : "points"}` : `${counts.format(Math.abs(change))}%`;
  const rise = riseIs[key];
  const tone = rise ? (change > 0 ? rise : rise === "better" ? "worse" : "better") : "neutral";
  return { text: `${change > 0 ? "Up" : "Down"} ${size} vs ${period}${tone === "neutral" ? "" : ` (${tone})`}`, tone, arrow: change > 0 ? "↑" : "↓" };
}
