"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTRPCClient } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/field";
import type { ArticleState } from "@/lib/knowledge-vocabulary";

type Action = "publish" | "archive" | "unpublish";

const actionsFrom: Record<ArticleState, { action: Action; label: string; variant: "primary" | "secondary" }[]> = {
  draft: [
    { action: "publish", label: "Publish", variant: "primary" },
    { action: "archive", label: "Archive", variant: "secondary" },
  ],
  published: [
    { action: "unpublish", label: "Back to draft", variant: "secondary" },
    { action: "archive", label: "Archive", variant: "secondary" },
  ],
  archived: [
    { action: "publish", label: "Publish again", variant: "primary" },
    { action: "unpublish", label: "Back to draft", variant: "secondary" },
  ],
};

/** A manager's publish / archive / back-to-draft buttons for one article (the server checks the role too). */
export function ArticleStateActions({ articleId, state }: { articleId: number; state: ArticleState }) {
  const client = useTRPCClient();
  const router = useRouter();
  const change = useMutation({
    mutationFn: (action: Action) => client.knowledge.manage[action].mutate({ id: articleId }),
    onSuccess: () => router.refresh(),
  });
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {actionsFrom[state].map(({ action, label, variant }) => (
          <Button key={action} variant={variant} disabled={change.isPending} onClick={() => change.mutate(action)}>
            {change.isPending && change.variables === action ? "Saving…" : label}
          </Button>
        ))}
      </div>
      <FormError message={change.error?.message} />
    </div>
  );
}
