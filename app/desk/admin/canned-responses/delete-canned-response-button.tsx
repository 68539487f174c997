"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/admin/confirm-button";
import { useTRPC } from "@/components/trpc/client";

/** Deleting cannot be undone, so it asks first. Replies already sent keep their text. */
export function DeleteCannedResponseButton({ id, title }: { id: string; title: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.admin.cannedResponses.delete.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="text-right">
      <ConfirmButton
        label="Delete"
        question={`Delete “${title}”?`}
        confirmLabel="Delete"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ id })}
      />
      {remove.error ? (
        <p role="alert" className="mt-1 text-xs font-medium text-danger">
          {remove.error.message}
        </p>
      ) : null}
    </div>
  );
}
