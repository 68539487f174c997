"use client";

import type { Route } from "next";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { ticketChannels, ticketPriorities } from "@/lib/vocabularies";
import { priorityLabels } from "../ticket-badges";
import { bucketLabels, rangePresets, type ReportParams } from "./report-params";

const control = "rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm";
const channelLabels = { web: "Web", email: "Email", api: "API" } as const;

const DAY = 86_400_000;
const MAX_DAYS = 3 * 366;
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

/** Why a custom range cannot apply yet, or null when it can (the server's own limits, said before asking it). */
function rangeProblem(from: string, to: string): string | null {
  if (!isDate(from) || !isDate(to)) return "Enter both dates.";
  const days = (Date.parse(to) - Date.parse(from)) / DAY + 1;
  if (days < 1) return "The end date is before the start date.";
  if (days > MAX_DAYS) return "Choose a range of at most three years.";
  return null;
}

/** Days of each bucket size, roughly: enough to drop a grouping that would give too many points. */
const bucketDays = { day: 1, week: 7, month: 28 } as const;

/**
 * Range, bucket and filters; every change goes into the URL, which the
 * reports read, so a view can be shared. Custom dates apply as soon as both
 * are valid (after a short pause, so typing a date digit by digit does not
 * load every day on the way), or at once on Enter; the form stays mounted,
 * so focus stays in the field being typed in.
 */
export function ReportControls({ params, teams, categories, timeZone }: { params: ReportParams; teams: { id: string; name: string }[]; categories: { id: string; name: string }[]; timeZone: string }) {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const [from, setFrom] = useState(params.from);
  const [to, setTo] = useState(params.to);
  const shown = `${params.from}/${params.to}`;
  // The dates follow the URL when it changes from elsewhere (a preset, a shared link); dates this form applied are already in the fields.
  const [synced, setSynced] = useState(shown);
  const [applied, setApplied] = useState(shown);
  if (synced !== shown) {
    setSynced(shown);
    if (shown !== applied) {
      setFrom(params.from);
      setTo(params.to);
    }
  }
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const problem = rangeProblem(from, to);

  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search.toString());
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    router.replace(`${pathname}?${next.toString()}` as Route, { scroll: false });
  };
  const applyDates = (nextFrom: string, nextTo: string) => {
    clearTimeout(timer.current);
    if (rangeProblem(nextFrom, nextTo) || `${nextFrom}/${nextTo}` === shown) return;
    setApplied(`${nextFrom}/${nextTo}`);
    const days = (Date.parse(nextTo) - Date.parse(nextFrom)) / DAY + 1;
    // A grouping chosen for a short range may give more points than a report draws: let the range choose again.
    const bucket = search.get("bucket") === null || days / bucketDays[params.bucket] <= 400 ? {} : { bucket: undefined };
    update({ range: "custom", from: nextFrom, to: nextTo, ...bucket });
  };
  const changeDates = (nextFrom: string, nextTo: string) => {
    setFrom(nextFrom);
    setTo(nextTo);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => applyDates(nextFrom, nextTo), 400);
  };
  const applyOnEnter = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== "Enter") return;
    event.preventDefault();
    applyDates(from, to);
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
        applyDates(from, to);
      }}
    >
      {select("report-range", "Range", params.preset, (range) => update({ range, from: range === "custom" ? params.from : undefined, to: range === "custom" ? params.to : undefined, bucket: undefined }), Object.entries(rangePresets))}
      {params.preset === "custom" ? (
        <>
          <div className="flex flex-col gap-1">
            <label htmlFor="report-from" className="text-xs text-muted">
              From
            </label>
            <input id="report-from" type="date" value={from} max={to} onChange={(e) => changeDates(e.target.value, to)} onKeyDown={applyOnEnter} aria-describedby="report-dates-note" aria-invalid={problem !== null && problem !== "Enter both dates."} className={control} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="report-to" className="text-xs text-muted">
              To
            </label>
            <input id="report-to" type="date" value={to} min={from} onChange={(e) => changeDates(from, e.target.value)} onKeyDown={applyOnEnter} aria-describedby="report-dates-note" aria-invalid={problem !== null && problem !== "Enter both dates."} className={control} />
          </div>
          <p id="report-dates-note" className={`self-center text-xs ${problem ? "text-danger" : "text-muted"}`}>
            {problem ?? "Reports update as you change the dates."}
          </p>
        </>
      ) : null}
      {select("report-bucket", "Group", params.bucket, (bucket) => update({ bucket }), Object.entries(bucketLabels))}
      {select("report-team", "Team", params.filters.teamId, (team) => update({ team }), teams.map((t) => [t.id, t.name]), "All teams")}
      {select("report-category", "Category", params.filters.categoryId, (category) => update({ category }), categories.map((c) => [c.id, c.name]), "All categories")}
      {select("report-priority", "Priority", params.filters.priority, (priority) => update({ priority }), ticketPriorities.map((p) => [p, priorityLabels[p]]), "All priorities")}
      {select("report-channel", "Channel", params.filters.channel, (channel) => update({ channel }), ticketChannels.map((c) => [c, channelLabels[c]]), "All channels")}
      <p role="status" className="ml-auto self-center text-xs text-muted">
        {params.from} to {params.to} · times in {timeZone}
      </p>
    </form>
  );
}
