"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { ConfirmButton } from "@/components/admin/confirm-button";
import { PriorityLabel } from "@/components/ticket-badges";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { formatBusinessMinutes } from "./business-duration";
import { PolicyForm, type EditablePolicy, type PolicyScopeOptions } from "./policy-form";

export interface PolicyView extends EditablePolicy {
  organizationName: string | null;
}

function scopeOf(policy: PolicyView) {
  const category = policy.categoryName ? `${policy.categoryName}${policy.categoryArchived ? " (archived)" : ""}` : null;
  if (policy.organizationName && category) return `${policy.organizationName} · ${category}`;
  return policy.organizationName ?? category ?? "All tickets";
}

function pausesOf(policy: PolicyView) {
  if (policy.pauseOnPending && policy.pauseOnHold) return "Pending, on hold";
  if (policy.pauseOnPending) return "Pending";
  if (policy.pauseOnHold) return "On hold";
  return "Never";
}

/** One policy as a table row, with its edit form opening in a full-width row below it. */
export function PolicyRow({ policy, options }: { policy: PolicyView; options: PolicyScopeOptions }) {
  const trpc = useTRPC();
  const router = useRouter();
  const editorId = useId();
  const [editing, setEditing] = useState(false);
  const remove = useMutation(trpc.admin.sla.policies.delete.mutationOptions({ onSuccess: () => router.refresh() }));
  const cell = "px-3 py-2.5";

  return (
    <>
      <tr className="align-top">
        <th scope="row" className={`${cell} text-left font-medium`}>
          {policy.name}
        </th>
        <td className={cell}>
          <PriorityLabel priority={policy.priority} />
        </td>
        <td className={cell}>{scopeOf(policy)}</td>
        <td className={`${cell} whitespace-nowrap tabular-nums`}>{formatBusinessMinutes(policy.firstResponseMinutes)}</td>
        <td className={`${cell} whitespace-nowrap tabular-nums`}>{formatBusinessMinutes(policy.resolutionMinutes)}</td>
        <td className={`${cell} hidden text-muted md:table-cell`}>{pausesOf(policy)}</td>
        <td className={`${cell} text-right`}>
          <div className="flex flex-wrap justify-end gap-2">
            <Button variant="secondary" aria-expanded={editing} aria-controls={editorId} aria-label={`${editing ? "Close" : "Edit"} ${policy.name}`} onClick={() => setEditing(!editing)}>
              {editing ? "Close" : "Edit"}
            </Button>
            <ConfirmButton
              label="Delete"
              question={`Delete “${policy.name}”? Tickets it covers move to the next matching policy when they are next changed.`}
              confirmLabel="Delete policy"
              pending={remove.isPending}
              onConfirm={() => remove.mutate({ id: policy.id })}
            />
          </div>
          {remove.error ? (
            <p role="alert" className="mt-1 text-xs font-medium text-danger">
              {remove.error.message}
            </p>
          ) : null}
        </td>
      </tr>
      {editing ? (
        <tr id={editorId}>
          <td colSpan={7} className="bg-surface-muted/50 p-4">
            <PolicyForm options={options} policy={policy} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
