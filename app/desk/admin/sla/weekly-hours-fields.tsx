"use client";

import type { WeeklyHours } from "@/db/schema/calendars";
import { Button } from "@/components/ui/button";
import { FieldProblems } from "./field-problems";
import { weekdays } from "./weekly-summary";

type DayKey = keyof WeeklyHours;
interface Interval {
  start: string;
  end: string;
}
/** A weekday as the form edits it: unticking "open" keeps the hours, so ticking it again brings them back. */
export interface DayDraft {
  open: boolean;
  intervals: Interval[];
}
export type WeekDraft = Record<DayKey, DayDraft>;

const officeHours: Interval = { start: "09:00", end: "17:00" };
const maxIntervals = 6;
const controlClass =
  "rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm text-fg focus:border-accent focus:outline-none focus-visible:outline-2 focus-visible:outline-accent";

// A time input cannot show "24:00": the form shows midnight as an end of "00:00" and saves it as "24:00".
const endForInput = (end: string) => (end === "24:00" ? "00:00" : end);
const endForSaving = (end: string) => (end === "00:00" ? "24:00" : end);

export function weekDraftOf(weekly: WeeklyHours): WeekDraft {
  const draft = {} as WeekDraft;
  for (const { key } of weekdays) {
    const intervals = weekly[key] ?? [];
    draft[key] = intervals.length > 0 ? { open: true, intervals: intervals.map((i) => ({ ...i, end: endForInput(i.end) })) } : { open: false, intervals: [officeHours] };
  }
  return draft;
}

export function weeklyOf(draft: WeekDraft): WeeklyHours {
  const weekly = {} as WeeklyHours;
  for (const { key } of weekdays) {
    weekly[key] = draft[key].open ? draft[key].intervals.map((i) => ({ start: i.start, end: endForSaving(i.end) })) : [];
  }
  return weekly;
}

export const weekdayOfficeHours: WeeklyHours = { "1": [officeHours], "2": [officeHours], "3": [officeHours], "4": [officeHours], "5": [officeHours], "6": [], "7": [] };

function minutesOf(time: string): number {
  const [hours, minutes] = time.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

function timeOf(minutes: number): string {
  const clamped = Math.max(0, Math.min(minutes, 24 * 60));
  return `${String(Math.floor(clamped / 60)).padStart(2, "0")}:${String(clamped % 60).padStart(2, "0")}`;
}

/** A second interval is usually a lunch break: split the last interval around its middle; otherwise add an hour after it. */
function withAnotherInterval(intervals: Interval[]): Interval[] {
  const last = intervals.at(-1);
  if (!last) return [officeHours];
  const start = minutesOf(last.start);
  const end = last.end === "00:00" ? 24 * 60 : minutesOf(last.end);
  if (end - start >= 240) {
    // The hour that starts at the whole hour nearest the middle, e.g. 12:00–13:00 out of 09:00–17:00.
    const lunch = start + Math.floor((end - start) / 120) * 60 - 60;
    return [...intervals.slice(0, -1), { start: last.start, end: timeOf(lunch) }, { start: timeOf(lunch + 60), end: last.end }];
  }
  return [...intervals, { start: timeOf(end), end: endForInput(timeOf(end + 60)) }];
}

/** Per weekday: open or closed, and one or more local start–end intervals. */
export function WeeklyHoursFields({ id, week, onChange, problems }: { id: string; week: WeekDraft; onChange: (week: WeekDraft) => void; problems: string[] }) {
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const setDay = (key: DayKey, day: DayDraft) => onChange({ ...week, [key]: day });
  const setInterval = (key: DayKey, index: number, change: Partial<Interval>) =>
    setDay(key, { ...week[key], intervals: week[key].intervals.map((interval, i) => (i === index ? { ...interval, ...change } : interval)) });
  const copyMonday = () => onChange({ ...week, "2": week["1"], "3": week["1"], "4": week["1"], "5": week["1"] });

  return (
    <fieldset className="space-y-2" aria-describedby={problems.length > 0 ? errorId : hintId}>
      <legend className="text-sm font-medium">Weekly hours</legend>
      <p id={hintId} className="text-xs text-muted">
        Local times in the calendar&apos;s time zone. Add a second interval for a lunch break. An end of 00:00 means midnight.
      </p>
      <ul className="divide-y divide-border rounded-md border border-border">
        {weekdays.map((day) => {
          const draft = week[day.key];
          return (
            <li key={day.key} className="flex flex-wrap items-start gap-x-4 gap-y-2 px-3 py-2">
              <label className="flex w-32 items-center gap-2 pt-1.5 text-sm font-medium">
                <input type="checkbox" checked={draft.open} onChange={(event) => setDay(day.key, { ...draft, open: event.target.checked })} className="size-4 accent-accent" />
                {day.name}
              </label>
              {draft.open ? (
                <div className="flex min-w-0 flex-1 flex-col gap-2">
                  {draft.intervals.map((interval, index) => {
                    const which = draft.intervals.length > 1 ? ` (interval ${index + 1})` : "";
                    return (
                      <div key={index} className="flex flex-wrap items-center gap-2">
                        <input
                          type="time"
                          aria-label={`${day.name} opens${which}`}
                          value={interval.start}
                          onChange={(event) => setInterval(day.key, index, { start: event.target.value })}
                          className={controlClass}
                        />
                        <span aria-hidden="true" className="text-muted">
                          –
                        </span>
                        <input
                          type="time"
                          aria-label={`${day.name} closes${which}`}
                          value={interval.end}
                          onChange={(event) => setInterval(day.key, index, { end: event.target.value })}
                          className={controlClass}
                        />
                        {draft.intervals.length > 1 ? (
                          <Button
                            variant="ghost"
                            className="px-2 py-1"
                            aria-label={`Remove ${day.name} ${interval.start}–${interval.end}`}
                            onClick={() => setDay(day.key, { ...draft, intervals: draft.intervals.filter((_, i) => i !== index) })}
                          >
                            Remove
                          </Button>
                        ) : null}
                      </div>
                    );
                  })}
                  {draft.intervals.length < maxIntervals ? (
                    <button
                      type="button"
                      className="self-start rounded text-sm font-medium text-accent hover:underline focus-visible:outline-2 focus-visible:outline-accent"
                      aria-label={`Add interval on ${day.name}`}
                      onClick={() => setDay(day.key, { ...draft, intervals: withAnotherInterval(draft.intervals) })}
                    >
                      + Add interval
                    </button>
                  ) : null}
                </div>
              ) : (
                <span className="pt-1.5 text-sm text-muted">Closed</span>
              )}
            </li>
          );
        })}
      </ul>
      <button type="button" onClick={copyMonday} className="rounded text-sm font-medium text-accent hover:underline focus-visible:outline-2 focus-visible:outline-accent">
        Copy Monday&apos;s hours to Tuesday–Friday
      </button>
      <FieldProblems id={errorId} problems={problems} />
    </fieldset>
  );
}
