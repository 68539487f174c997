"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useTRPC } from "@/components/trpc/client";
import { SaveOutcome } from "@/components/ui/save-outcome";

export interface CalendarOption {
  id: string;
  name: string;
  isDefault: boolean;
}

/** The team's business hours for SLA clocks, saved on change; empty means the default calendar. */
export function TeamCalendarSelect({ teamId, calendarId, calendars }: { teamId: string; calendarId: string | null; calendars: CalendarOption[] }) {
  const id = useId();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.admin.sla.setTeamCalendar.mutationOptions({ onSuccess: () => router.refresh() }));
  const fallback = calendars.find((calendar) => calendar.isDefault);

  if (calendars.length === 0) {
    return (
      <p className="text-sm text-muted">
        Business hours: around the clock.{" "}
        <Link href="/desk/admin/sla" className="font-medium text-accent hover:underline">
          Add a calendar
        </Link>{" "}
        to count SLA targets in business hours.
      </p>
    );
  }
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={id} className="text-muted">
        Business hours
      </label>
      <select
        id={id}
        defaultValue={calendarId ?? ""}
        disabled={save.isPending}
        onChange={(e) => save.mutate({ teamId, calendarId: e.target.value || null })}
        className="rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm"
      >
        <option value="">Default calendar{fallback ? ` (${fallback.name})` : " (around the clock)"}</option>
        {calendars.map((calendar) => (
          <option key={calendar.id} value={calendar.id}>
            {calendar.name}
          </option>
        ))}
      </select>
      <SaveOutcome save={save} savedText="Saved. Applies to tickets when they are next created or changed." />
    </div>
  );
}
