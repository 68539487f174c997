"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { ConfirmButton } from "@/components/admin/confirm-button";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/** A rule's quick controls: on/off, one place up or down, delete (asks first: it cannot be undone). */
export function RuleRowActions({ id, name, active, first, last }: { id: string; name: string; active: boolean; first: boolean; last: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toggleId = useId();
  const refresh = { onSuccess: () => router.refresh() };
  const toggle = useMutation(trpc.admin.automations.setActive.mutationOptions(refresh));
  const move = useMutation(trpc.admin.automations.move.mutationOptions(refresh));
  const remove = useMutation(trpc.admin.automations.delete.mutationOptions(refresh));
  const error = toggle.error ?? move.error ?? remove.error;
  // Show where the switch went (while saving and until the refreshed page catches up); on failure, what is stored.
  const shownActive = toggle.variables && !toggle.isError ? toggle.variables.active : active;

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap items-center justify-end gap-2">
        <label htmlFor={toggleId} className="inline-flex items-center gap-2 text-sm">
          <input
            id={toggleId}
            type="checkbox"
            checked={shownActive}
            disabled={toggle.isPending}
            onChange={(e) => toggle.mutate({ id, active: e.target.checked })}
            className="h-4 w-4 accent-accent"
          />
          Active
        </label>
        <Button variant="secondary" className="px-2.5" aria-label={`Move ${name} up`} disabled={first || move.isPending} onClick={() => move.mutate({ id, direction: "up" })}>
          <span aria-hidden="true">↑</span>
        </Button>
        <Button variant="secondary" className="px-2.5" aria-label={`Move ${name} down`} disabled={last || move.isPending} onClick={() => move.mutate({ id, direction: "down" })}>
          <span aria-hidden="true">↓</span>
        </Button>
        <ConfirmButton label="Delete" question={`Delete “${name}”?`} confirmLabel="Delete" pending={remove.isPending} onConfirm={() => remove.mutate({ id })} />
      </div>
      {error ? (
        <p role="alert" className="text-xs font-medium text-danger">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
