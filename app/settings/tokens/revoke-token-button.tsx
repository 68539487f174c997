"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { ConfirmButton } from "@/components/admin/confirm-button";
import { useTRPC } from "@/components/trpc/client";

/** Revoke asks first: whatever uses the token stops working at once, and a revoked token cannot be restored. */
export function RevokeTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const revoke = useMutation(trpc.apiTokens.revoke.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div>
      <ConfirmButton
        label="Revoke"
        question={`Revoke “${name}”? Anything using it stops working at once.`}
        confirmLabel="Revoke"
        pending={revoke.isPending}
        onConfirm={() => revoke.mutate({ tokenId })}
      />
      {revoke.error ? (
        <p role="alert" className="mt-1.5 max-w-xs text-xs font-medium text-danger">
          {revoke.error.message}
        </p>
      ) : null}
    </div>
  );
}
