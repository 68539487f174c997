"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/** One place up or down in the list customers see, as automation rules are ordered. */
export function CategoryOrderButtons({ id, name, first, last }: { id: string; name: string; first: boolean; last: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const move = useMutation(trpc.admin.categories.move.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="flex flex-col items-end gap-1">
      <div className="flex gap-2">
        <Button variant="secondary" className="px-2.5" aria-label={`Move ${name} up`} disabled={first || move.isPending} onClick={() => move.mutate({ id, direction: "up" })}>
          <span aria-hidden="true">↑</span>
        </Button>
        <Button variant="secondary" className="px-2.5" aria-label={`Move ${name} down`} disabled={last || move.isPending} onClick={() => move.mutate({ id, direction: "down" })}>
          <span aria-hidden="true">↓</span>
        </Button>
      </div>
      {move.error ? (
        <p role="alert" className="text-xs font-medium text-danger">
          {move.error.message}
        </p>
      ) : null}
    </div>
  );
}
