"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { AssignmentMode } from "@/lib/vocabularies";
import { SaveOutcome } from "@/components/ui/save-outcome";

const labels: Record<AssignmentMode, string> = {
  off: "Off — agents pick tickets up",
  round_robin: "Round-robin — take turns",
  least_load: "Least open load — to whoever has least",
};

/** The team's automatic assignment, saved on change. */
export function AssignmentModeSelect({ teamId, mode }: { teamId: string; mode: AssignmentMode }) {
  const id = useId();
  const trpc = useTRPC();
  const router = useRouter();
  const save = useMutation(trpc.admin.teams.setAssignmentMode.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <label htmlFor={id} className="text-muted">Automatic assignment</label>
      <select
        id={id}
        defaultValue={mode}
        disabled={save.isPending}
        onChange={(e) => save.mutate({ id: teamId, mode: e.target.value as AssignmentMode })}
        className="rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm"
      >
        {(Object.keys(labels) as AssignmentMode[]).map((m) => (
          <option key={m} value={m}>{labels[m]}</option>
        ))}
      </select>
      <SaveOutcome save={save} />
    </div>
  );
}
