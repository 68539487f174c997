"use client";

import { useId, useState, type FormEvent } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { mutationErrors } from "@/components/admin/mutation-errors";
import { useCreateOrUpdate } from "@/components/admin/use-create-or-update";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { describedBy, Field, FormError, Input, Select } from "@/components/ui/field";
import type { WeeklyHours } from "@/db/schema/calendars";
import { HolidayFields } from "./holiday-fields";
import { weekDraftOf, weekdayOfficeHours, weeklyOf, WeeklyHoursFields } from "./weekly-hours-fields";

const fields = ["name", "timeZone", "weekly", "holidays"] as const;
const zoneHint = "Hours and holidays are local to this zone, daylight saving included.";

export interface EditableCalendar {
  id: string;
  name: string;
  timeZone: string;
  weekly: WeeklyHours;
  holidays: string[];
}

/** Creates a business-hours calendar, or edits one when given `calendar`. */
export function CalendarForm({ timeZones, defaultTimeZone, calendar }: { timeZones: string[]; defaultTimeZone: string; calendar?: EditableCalendar }) {
  const trpc = useTRPC();
  const prefix = useId();
  const [week, setWeek] = useState(() => weekDraftOf(calendar?.weekly ?? weekdayOfficeHours));
  const [holidays, setHolidays] = useState<string[]>(calendar?.holidays ?? []);
  const { mutation, saved, save } = useCreateOrUpdate(
    { create: trpc.admin.sla.calendars.create.mutationOptions(), update: trpc.admin.sla.calendars.update.mutationOptions() },
    calendar?.id,
  );
  const { field, formError } = mutationErrors(mutation.error, fields);
  const problemsOf = (name: "weekly" | "holidays") => mutation.error?.data?.fieldErrors?.[name] ?? [];
  const id = (name: (typeof fields)[number]) => `${prefix}-${name}`;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formElement = event.currentTarget;
    const form = new FormData(formElement);
    const values = {
      name: String(form.get("name") ?? ""),
      timeZone: String(form.get("timeZone") ?? ""),
      weekly: weeklyOf(week),
      holidays: holidays.filter((date) => date !== ""),
    };
    save(values, {
      created: (result) => {
        formElement.reset();
        setWeek(weekDraftOf(weekdayOfficeHours));
        setHolidays([]);
        return result.isDefault ? `“${result.name}” is now the default calendar.` : `“${result.name}” added. Choose it for a team, or make it the default.`;
      },
      updated: (result) => {
        // Show what was stored: holidays come back sorted and without duplicates.
        setWeek(weekDraftOf(result.weekly));
        setHolidays(result.holidays);
        return "Saved. Tickets pick up the new hours when they are next created or changed.";
      },
    });
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate aria-label={calendar ? `Edit ${calendar.name}` : "New calendar"}>
      <FormError message={formError} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={id("name")} label="Name" error={field("name")}>
          <Input id={id("name")} name="name" required maxLength={80} defaultValue={calendar?.name} {...describedBy(id("name"), field("name"))} />
        </Field>
        <Field id={id("timeZone")} label="Time zone" error={field("timeZone")} hint={zoneHint}>
          <Select
            id={id("timeZone")}
            name="timeZone"
            defaultValue={calendar?.timeZone ?? defaultTimeZone}
            {...describedBy(id("timeZone"), field("timeZone"), zoneHint)}
          >
            {timeZones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replaceAll("_", " ")}
              </option>
            ))}
          </Select>
        </Field>
      </div>
      <WeeklyHoursFields id={id("weekly")} week={week} onChange={setWeek} problems={problemsOf("weekly")} />
      <HolidayFields id={id("holidays")} holidays={holidays} onChange={setHolidays} problems={problemsOf("holidays")} />
      <div className="flex flex-wrap items-center justify-end gap-3">
        <SavedNotice message={saved} />
        <Button type="submit" variant={calendar ? "secondary" : "primary"} disabled={mutation.isPending}>
          {mutation.isPending ? "Saving…" : calendar ? "Save calendar" : "Add calendar"}
        </Button>
      </div>
    </form>
  );
}
