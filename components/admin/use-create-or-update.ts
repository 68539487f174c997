"use client";

import { useMutation, type UseMutationOptions } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";

/**
 * The saving half of an admin form that creates a record, or edits one when
 * given its id: it picks the create or update mutation, keeps the "saved"
 * notice, and refreshes the server-rendered page after a save so the lists
 * show the change. The update takes the create's values plus the id.
 */
export function useCreateOrUpdate<TValues, TCreated, TUpdated, TError>(
  options: {
    create: UseMutationOptions<TCreated, TError, TValues>;
    update: UseMutationOptions<TUpdated, TError, NoInfer<TValues> & { id: string }>;
  },
  editingId: string | undefined,
) {
  const router = useRouter();
  const [saved, setSaved] = useState<string | null>(null);
  const create = useMutation(options.create);
  const update = useMutation(options.update);

  /** Sends the values; `after` does what the form needs once saved and returns the notice to show. */
  function save(values: TValues, after: { created: (result: TCreated) => string; updated: (result: TUpdated) => string }) {
    setSaved(null);
    const done = (notice: string) => {
      setSaved(notice);
      router.refresh();
    };
    if (editingId) update.mutate({ id: editingId, ...values }, { onSuccess: (result) => done(after.updated(result)) });
    else create.mutate(values, { onSuccess: (result) => done(after.created(result)) });
  }

  return { mutation: editingId ? update : create, saved, clearSaved: () => setSaved(null), save };
}
