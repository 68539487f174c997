"use client";

import type { Route } from "next";
import { useState, type ReactNode } from "react";
import type { ReportTable } from "@/server/reports/report-table";
import { ReportTableView } from "./report-table-view";

/**
 * One report: a chart (or only a table), a switch to the table view, and a
 * CSV download of every row through /api/reports/<name>.
 */
export function ReportCard({
  title,
  description,
  name,
  input,
  query,
  size,
  chart,
  actions,
  wide = false,
  emptyText = "Nothing in this range. Try a longer range or fewer filters.",
}: {
  title: string;
  description: string;
  name: string;
  input: unknown;
  query: { data?: ReportTable; error: { message: string } | null; isPending: boolean };
  size: "day" | "week" | "month";
  chart?: (table: ReportTable) => ReactNode;
  actions?: ReactNode;
  /** Tables with many columns take the full width. */
  wide?: boolean;
  /** What an empty range says, and what to try next. */
  emptyText?: string;
}) {
  const [showTable, setShowTable] = useState(!chart);
  const headingId = `report-${name}`;
  const csvHref = `/api/reports/${name}?input=${encodeURIComponent(JSON.stringify(input))}` as Route;
  const table = query.data;
  const empty = table && table.rows.every((row) => table.columns.every((c) => c.kind === "text" || c.kind === "date" || !row[c.key]));
  return (
    <section aria-labelledby={headingId} className={`rounded-lg border border-border bg-surface p-4 ${wide ? "xl:col-span-2" : ""}`} aria-busy={query.isPending}>
      <div className="mb-3 flex flex-wrap items-start justify-between gap-2">
        <div>
          <h2 id={headingId} className="font-semibold">
            {title}
          </h2>
          <p className="text-sm text-muted">{description}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          {actions}
          {chart ? (
            <button type="button" onClick={() => setShowTable((v) => !v)} aria-pressed={showTable} className="rounded-md border border-border-strong px-2.5 py-1 hover:bg-surface-muted">
              {showTable ? "Show chart" : "Show table"}
            </button>
          ) : null}
          <a href={csvHref} download className="rounded-md border border-border-strong px-2.5 py-1 hover:bg-surface-muted">
            Download CSV
          </a>
        </div>
      </div>
      {query.error ? (
        <p role="alert" className="rounded-md bg-danger-soft p-3 text-sm text-danger">
          {query.error.message}
        </p>
      ) : !table ? (
        <div className="h-64 animate-pulse rounded-md bg-surface-muted" role="status" aria-label="Loading" />
      ) : empty ? (
        <p className="rounded-md bg-surface-muted p-6 text-center text-sm text-muted">{emptyText}</p>
      ) : showTable || !chart ? (
        <ReportTableView table={table} caption={title} size={size} />
      ) : (
        chart(table)
      )}
    </section>
  );
}
