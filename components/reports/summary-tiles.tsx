"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "../trpc/client";
import { changeText, formatValue } from "./report-format";

type Input = { from: string; to: string; timeZone: string; bucket: "day" | "week" | "month"; filters: Record<string, string | undefined> };

const toneClass = { better: "text-success", worse: "text-danger", neutral: "text-muted" } as const;

/**
 * The headline figures of the range, each with its change against the
 * previous period of equal length, as the server worked it out from the
 * same rollups.
 */
export function SummaryTiles({ input }: { input: Input }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.reports.summary.queryOptions(input));
  const row = summary.data?.rows[0];
  const previous = summary.data?.previous;
  return (
    <section aria-label="Headline figures" aria-busy={summary.isPending} className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-5">
      {(summary.data?.columns ?? [])
        .filter((c) => !c.key.endsWith("P90"))
        .map((column) => {
          const change = previous ? changeText(column.key, column.kind, previous.change[column.key], previous.days) : null;
          return (
            <div key={column.key} className="rounded-lg border border-border bg-surface p-3">
              <p className="text-xs text-muted">{column.label}</p>
              <p className="text-lg font-semibold tabular-nums">{formatValue(column.kind, row?.[column.key] ?? null)}</p>
              {change && previous ? (
                <p className={`mt-0.5 text-xs ${toneClass[change.tone]}`} title={`${previous.from} to ${previous.to}: ${formatValue(column.kind, previous.row[column.key] ?? null)}`}>
                  {change.arrow ? <span aria-hidden="true">{change.arrow} </span> : null}
                  {change.text}
                </p>
              ) : null}
            </div>
          );
        })}
      {summary.error ? (
        <p role="alert" className="col-span-full text-sm text-danger">
          {summary.error.message}
        </p>
      ) : null}
    </section>
  );
}
