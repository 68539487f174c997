"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { SavedNotice } from "@/components/admin/admin-panel";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";

interface FormFieldChoice {
  id: number;
  label: string;
  active: boolean;
  requiredForCustomers: boolean;
}

/**
 * One category's portal form: the ticket fields it asks for, in order
 * (moved with arrows), saved as a whole. Agent-only fields are not offered.
 */
export function TicketFormEditor({ categoryId, categoryName, choices, initial }: { categoryId: string; categoryName: string; choices: FormFieldChoice[]; initial: number[] }) {
  const trpc = useTRPC();
  const router = useRouter();
  const selectId = useId();
  const [fieldIds, setFieldIds] = useState(initial);
  const [adding, setAdding] = useState("");
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation(trpc.admin.customFields.setForm.mutationOptions());
  const byId = new Map(choices.map((choice) => [choice.id, choice]));
  const remaining = choices.filter((choice) => choice.active && !fieldIds.includes(choice.id));
  const move = (index: number, by: -1 | 1) =>
    setFieldIds((ids) => {
      const next = [...ids];
      const [moved] = next.splice(index, 1);
      if (moved !== undefined) next.splice(index + by, 0, moved);
      return next;
    });
  const changed = fieldIds.join(",") !== initial.join(",");

  return (
    <div className="space-y-3" data-form-category={categoryName}>
      {fieldIds.length === 0 ? (
        <p className="text-sm text-muted">No fields: customers write a subject and a description only.</p>
      ) : (
        <ol className="space-y-1.5">
          {fieldIds.map((id, index) => {
            const choice = byId.get(id);
            return (
              <li key={id} className="flex flex-wrap items-center justify-between gap-2 rounded-md border border-border px-2 py-1.5 text-sm">
                <span className="min-w-0 break-words">
                  {index + 1}. {choice?.label ?? `Field ${id}`}
                  {choice?.requiredForCustomers ? <span className="text-muted"> (required)</span> : null}
                  {choice && !choice.active ? <span className="text-muted"> (inactive: not shown)</span> : null}
                </span>
                <span className="flex gap-1">
                  <Button variant="ghost" className="px-2 py-1 text-xs" aria-label={`Move ${choice?.label} up`} disabled={index === 0} onClick={() => move(index, -1)}>
                    ↑
                  </Button>
                  <Button variant="ghost" className="px-2 py-1 text-xs" aria-label={`Move ${choice?.label} down`} disabled={index === fieldIds.length - 1} onClick={() => move(index, 1)}>
                    ↓
                  </Button>
                  <Button variant="ghost" className="px-2 py-1 text-xs" aria-label={`Remove ${choice?.label} from the form`} onClick={() => setFieldIds((ids) => ids.filter((other) => other !== id))}>
                    Remove
                  </Button>
                </span>
              </li>
            );
          })}
        </ol>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={selectId} className="sr-only">
          Field to add to {categoryName}
        </label>
        <Select id={selectId} className="max-w-xs" value={adding} onChange={(e) => setAdding(e.target.value)} disabled={remaining.length === 0}>
          <option value="">{remaining.length ? "Add a field…" : "Every field is on the form"}</option>
          {remaining.map((choice) => (
            <option key={choice.id} value={choice.id}>
              {choice.label}
            </option>
          ))}
        </Select>
        <Button
          variant="secondary"
          disabled={!adding}
          onClick={() => {
            setFieldIds((ids) => [...ids, Number(adding)]);
            setAdding("");
          }}
        >
          Add
        </Button>
        <span className="flex-1" />
        <SavedNotice message={saved} />
        <Button
          disabled={!changed || save.isPending}
          onClick={() => {
            setSaved(null);
            save.mutate({ categoryId, fieldIds }, { onSuccess: () => (setSaved("Saved."), router.refresh()) });
          }}
        >
          {save.isPending ? "Saving…" : `Save ${categoryName} form`}
        </Button>
      </div>
      {save.error ? (
        <p role="alert" className="text-sm font-medium text-danger">
          {save.error.message}
        </p>
      ) : null}
    </div>
  );
}
