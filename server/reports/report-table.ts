import "server-only";
import { csvText } from "@/server/csv";

/**
 * Every report is a table: typed columns and rows. The page draws charts
 * from it, shows it as a table, and the CSV export writes it whole.
 */
export type ReportValue = string | number | null;

export interface ReportColumn {
  key: string;
  label: string;
  /** How to show a value: minutes become "3 h 20 min", percents get a "%". */
  kind: "text" | "date" | "count" | "minutes" | "percent";
}

export interface ReportTable {
  columns: ReportColumn[];
  rows: Record<string, ReportValue>[];
  /** The summary's comparison: the same figures for the period of equal length just before the range. */
  previous?: ReportComparison;
}

export interface ReportComparison {
  /** The previous period, local dates included, and its length in days. */
  from: string;
  to: string;
  days: number;
  row: Record<string, ReportValue>;
  /**
   * Per column, the change from the previous period: in percent of the
   * previous value for counts and durations (+12 means 12% more), in
   * percentage points for percents. Null when there is nothing to compare:
   * either value missing, or a previous count or duration of 0.
   */
  change: Record<string, number | null>;
}

/** The change of each numeric column from `previous` to `current` (see ReportComparison.change). */
export function changesBetween(columns: ReportColumn[], current: Record<string, ReportValue>, previous: Record<string, ReportValue>): Record<string, number | null> {
  const change = (column: ReportColumn): number | null => {
    const now = numberOrNull(current[column.key]);
    const before = numberOrNull(previous[column.key]);
    if (now === null || before === null) return null;
    if (column.kind === "percent") return Math.round((now - before) * 10) / 10;
    return before === 0 ? null : Math.round(((now - before) / before) * 100);
  };
  return Object.fromEntries(columns.filter((c) => c.kind === "count" || c.kind === "minutes" || c.kind === "percent").map((c) => [c.key, change(c)]));
}

/** Units a CSV header names, since a spreadsheet shows the bare numbers (durations are whole minutes with one decimal). */
const csvUnits: Partial<Record<ReportColumn["kind"], string>> = { minutes: "minutes", percent: "%" };

/** A column's CSV header: its label, with its unit when the number alone does not say it ("First response, median (minutes)"). */
export function csvHeader(column: ReportColumn): string {
  const unit = csvUnits[column.kind];
  return unit ? `${column.label} (${unit})` : column.label;
}

/** A number from SQL (counts come back as strings from postgres-js), or null. */
export function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** A share of a whole, in percent with one decimal, or null when the whole is 0. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 1000) / 10 : null;
}

/** Minutes rounded to one decimal (percentiles come back with long fractions). */
export function roundedMinutes(value: unknown): number | null {
  const number = numberOrNull(value);
  return number === null ? null : Math.round(number * 10) / 10;
}

/** The table as RFC 4180 CSV, a header row of labels (with units) first (server/csv.ts). */
export function toCsv(table: ReportTable): string {
  return csvText([table.columns.map(csvHeader), ...table.rows.map((row) => table.columns.map((c) => row[c.key] ?? null))]);
}
