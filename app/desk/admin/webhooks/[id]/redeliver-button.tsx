"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/** Sends one delivery again now, with the same webhook-id (receivers drop what they already have). */
export function RedeliverButton({ id, text, label }: { id: string; text: string; label: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const redeliver = useMutation(trpc.admin.webhooks.deliveries.redeliver.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-col items-end gap-1">
      <Button variant="secondary" className="px-2.5 py-1 text-xs" disabled={redeliver.isPending} aria-label={label} onClick={() => redeliver.mutate({ id })}>
        {redeliver.isPending ? "Queuing…" : text}
      </Button>
      {redeliver.isSuccess ? (
        <span role="status" className="text-xs text-success">
          Queued
        </span>
      ) : null}
      {redeliver.error ? (
        <span role="alert" className="max-w-48 text-right text-xs text-danger">
          {redeliver.error.message}
        </span>
      ) : null}
    </div>
  );
}
