"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/admin/confirm-button";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/**
 * "Make default" and "Delete" for one calendar. The default cannot be deleted
 * while other calendars exist (the server refuses too), so it offers neither.
 */
export function CalendarActions({
  calendar,
  otherCalendars,
}: {
  calendar: { id: string; name: string; isDefault: boolean; teamNames: string[] };
  otherCalendars: number;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const makeDefault = useMutation(trpc.admin.sla.calendars.setDefault.mutationOptions({ onSuccess: () => router.refresh() }));
  const remove = useMutation(trpc.admin.sla.calendars.delete.mutationOptions({ onSuccess: () => router.refresh() }));
  const error = makeDefault.error ?? remove.error;
  const pending = makeDefault.isPending || remove.isPending;

  const teams = calendar.teamNames.length === 1 ? `${calendar.teamNames[0]} uses it and` : `${calendar.teamNames.join(", ")} use it and`;
  const question = calendar.isDefault
    ? `Delete “${calendar.name}”? With no calendar left, SLA clocks run around the clock.`
    : calendar.teamNames.length > 0
      ? `Delete “${calendar.name}”? ${teams} will use the default calendar instead.`
      : `Delete “${calendar.name}”?`;

  if (calendar.isDefault && otherCalendars > 0) return null;
  return (
    <div className="text-right">
      <div className="flex flex-wrap justify-end gap-2">
        {calendar.isDefault ? null : (
          <Button
            variant="secondary"
            disabled={pending}
            aria-label={`Make default: ${calendar.name}`}
            onClick={() => {
              remove.reset();
              makeDefault.mutate({ id: calendar.id });
            }}
          >
            Make default
          </Button>
        )}
        <ConfirmButton
          label="Delete"
          question={question}
          confirmLabel="Delete calendar"
          pending={pending}
          onConfirm={() => {
            makeDefault.reset();
            remove.mutate({ id: calendar.id });
          }}
        />
      </div>
      {error ? (
        <p role="alert" className="mt-1 text-xs font-medium text-danger">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
