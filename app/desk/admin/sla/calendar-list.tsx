import { Disclosure } from "@/components/admin/admin-panel";
import type { WeeklyHours } from "@/db/schema/calendars";
import { CalendarActions } from "./calendar-actions";
import { CalendarForm } from "./calendar-form";
import { weeklySummary } from "./weekly-summary";

export interface CalendarView {
  id: string;
  name: string;
  timeZone: string;
  weekly: WeeklyHours;
  holidays: string[];
  isDefault: boolean;
  teams: { id: string; name: string }[];
}

/** "3 holidays (next 2026-12-25)", "next" counted from today in the calendar's zone. */
function holidaysLine(holidays: string[], timeZone: string, now: Date) {
  if (holidays.length === 0) return "No holidays";
  // en-CA formats dates as YYYY-MM-DD, comparable with the stored strings.
  const today = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const next = holidays.find((date) => date >= today);
  const count = holidays.length === 1 ? "1 holiday" : `${holidays.length} holidays`;
  return next ? `${count} (next ${next})` : count;
}

/** Each calendar with its hours at a glance, who uses it, and its actions; edited in place. */
export function CalendarList({ calendars, timeZones, now }: { calendars: CalendarView[]; timeZones: string[]; now: Date }) {
  return (
    <ul className="divide-y divide-border rounded-md border border-border">
      {calendars.map((calendar) => {
        const users = calendar.teams.map((team) => team.name);
        return (
          <li key={calendar.id} className="space-y-3 p-3">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <div className="min-w-0 space-y-0.5">
                <h3 className="flex flex-wrap items-center gap-2 font-medium">
                  {calendar.name}
                  {calendar.isDefault ? <span className="rounded-full bg-accent-soft px-2 py-0.5 text-xs font-medium text-accent">Default</span> : null}
                </h3>
                <p className="text-sm">{weeklySummary(calendar.weekly)}</p>
                <p className="text-xs text-muted">
                  {calendar.timeZone.replaceAll("_", " ")} · {holidaysLine(calendar.holidays, calendar.timeZone, now)}
                </p>
                <p className="text-xs text-muted">
                  {calendar.isDefault
                    ? `Used by every team without a calendar of its own${users.length > 0 ? `, and by ${users.join(", ")}` : ""}.`
                    : users.length > 0
                      ? `Used by ${users.join(", ")}.`
                      : "No team uses it yet: choose it on the Teams page, or make it the default."}
                </p>
              </div>
              <CalendarActions
                calendar={{ id: calendar.id, name: calendar.name, isDefault: calendar.isDefault, teamNames: users }}
                otherCalendars={calendars.length - 1}
              />
            </div>
            <Disclosure summary={`Edit ${calendar.name}`}>
              <CalendarForm timeZones={timeZones} defaultTimeZone={calendar.timeZone} calendar={calendar} />
            </Disclosure>
          </li>
        );
      })}
    </ul>
  );
}
