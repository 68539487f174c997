"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/** Approve makes the person a member (they see the organization's shared tickets); decline stops their wait. */
export function PendingMemberActions({ organizationId, userId, name }: { organizationId: string; userId: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const decide = useMutation(trpc.admin.organizations.decidePendingMember.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button disabled={decide.isPending} aria-label={`Approve ${name}`} onClick={() => decide.mutate({ organizationId, userId, decision: "approve" })}>
        Approve
      </Button>
      <Button
        variant="secondary"
        disabled={decide.isPending}
        aria-label={`Decline ${name}`}
        onClick={() => decide.mutate({ organizationId, userId, decision: "decline" })}
      >
        Decline
      </Button>
      {decide.error ? (
        <p role="alert" className="w-full text-right text-xs font-medium text-danger">
          {decide.error.message}
        </p>
      ) : null}
    </div>
  );
}
