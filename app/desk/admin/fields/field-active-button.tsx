"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/** Retiring a field keeps every value it holds and is undone with one click, so it does not ask first. */
export function FieldActiveButton({ id, label, active }: { id: number; label: string; active: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toggle = useMutation(trpc.admin.customFields.setActive.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="text-right">
      <Button variant="secondary" disabled={toggle.isPending} aria-label={`${active ? "Deactivate" : "Reactivate"} ${label}`} onClick={() => toggle.mutate({ id, active: !active })}>
        {active ? "Deactivate" : "Reactivate"}
      </Button>
      {toggle.error ? (
        <p role="alert" className="mt-1 text-xs font-medium text-danger">
          {toggle.error.message}
        </p>
      ) : null}
    </div>
  );
}
