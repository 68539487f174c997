"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/** Archiving is undone with one click, so it does not ask first. */
export function ArchiveCategoryButton({ id, name, archived }: { id: string; name: string; archived: boolean }) {
  const trpc = useTRPC();
  const router = useRouter();
  const toggle = useMutation(trpc.admin.categories.setArchived.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <div className="text-right">
      <Button
        variant="secondary"
        disabled={toggle.isPending}
        aria-label={`${archived ? "Unarchive" : "Archive"} ${name}`}
        onClick={() => toggle.mutate({ id, archived: !archived })}
      >
        {archived ? "Unarchive" : "Archive"}
      </Button>
      {toggle.error ? (
        <p role="alert" className="mt-1 text-xs font-medium text-danger">
          {toggle.error.message}
        </p>
      ) : null}
    </div>
  );
}
