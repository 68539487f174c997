"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/**
 * Sends a failed email again (admin.mailbox.resend): it goes back in the
 * queue with fresh attempts and the same idempotency key, so the provider
 * never delivers it twice. Only failed email offers it.
 */
export function ResendEmailButton({ id, subject }: { id: string; subject: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const resend = useMutation(trpc.admin.mailbox.resend.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <span className="inline-flex flex-col items-start gap-1">
      <Button variant="secondary" className="px-2.5 py-1 text-xs" aria-label={`Resend “${subject}”`} disabled={resend.isPending || resend.isSuccess} onClick={() => resend.mutate({ id })}>
        {resend.isPending ? "Resending…" : resend.isSuccess ? "Queued again" : "Resend"}
      </Button>
      {resend.isSuccess ? (
        <span role="status" className="text-xs text-muted">
          Queued: it is sent within a minute.
        </span>
      ) : null}
      {resend.error ? (
        <span role="alert" className="text-xs font-medium text-danger">
          {resend.error.message}
        </span>
      ) : null}
    </span>
  );
}
