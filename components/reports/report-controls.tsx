"use client";

import type { Route } from "next";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { ticketChannels, ticketPriorities } from "@/lib/vocabularies";
import { priorityLabels } from "../ticket-badges";
import { bucketLabels, rangePresets, type ReportParams } from "./report-params";

const control = "rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm";
const channelLabels = { web: "Web", email: "Email", api: "API" } as const;

/** Range, bucket and filters; every change goes into the URL, which the reports read. */
export function ReportControls({ params, teams, categories, timeZone }: { params: ReportParams; teams: { id: string; name: string }[]; categories: { id: string; name: string }[]; timeZone: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [from, setFrom] = useState(params.from);
  const [to, setTo] = useState(params.to);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    router.replace(`${pathname}?${next.toString()}` as Route, { scroll: false });
  };
  const select = (id: string, label: string, value: string | undefined, onChange: (value: string) => void, options: [string, string][], any?: string) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs text-muted">
        {label}
      </label>
      <select id={id} value={value ?? ""} onChange={(e) => onChange(e.target.value)} className={control}>
        {any ? <option value="">{any}</option> : null}
        {options.map(([optionValue, text]) => (
          <option key={optionValue} value={optionValue}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <form
      aria-label="Report range and filters"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-border bg-surface p-3"
      onSubmit={(e) => {
        e.preventDefault();
        update({ range: "custom", from, to });
      }}
    >
      {select("report-range", "Range", params.preset, (range) => update({ range, from: range === "custom" ? params.from : undefined, to: range === "custom" ? params.to : undefined, bucket: undefined }), Object.entries(rangePresets))}
      {params.preset === "custom" ? (
        <>
          <div className="flex flex-col gap-1">
            <label htmlFor="report-from" className="text-xs text-muted">
              From
            </label>
            <input id="report-from" type="date" value={from} max={to} onChange={(e) => setFrom(e.target.value)} className={control} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="report-to" className="text-xs text-muted">
              To
            </label>
            <input id="report-to" type="date" value={to} min={from} onChange={(e) => setTo(e.target.value)} className={control} />
          </div>
          <button type="submit" className="rounded-md border border-border-strong px-3 py-1.5 text-sm hover:bg-surface-muted">
            Apply
          </button>
        </>
      ) : null}
      {select("report-bucket", "Group", params.bucket, (bucket) => update({ bucket }), Object.entries(bucketLabels))}
      {select("report-team", "Team", params.filters.teamId, (team) => update({ team }), teams.map((t) => [t.id, t.name]), "All teams")}
      {select("report-category", "Category", params.filters.categoryId, (category) => update({ category }), categories.map((c) => [c.id, c.name]), "All categories")}
      {select("report-priority", "Priority", params.filters.priority, (priority) => update({ priority }), ticketPriorities.map((p) => [p, priorityLabels[p]]), "All priorities")}
      {select("report-channel", "Channel", params.filters.channel, (channel) => update({ channel }), ticketChannels.map((c) => [c, channelLabels[c]]), "All channels")}
      <p className="ml-auto self-center text-xs text-muted">
        {params.from} to {params.to} · times in {timeZone}
      </p>
    </form>
  );
}
