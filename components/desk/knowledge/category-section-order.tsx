"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, type FormEvent } from "react";
import { mutationErrors } from "@/components/admin/mutation-errors";
import { useTRPCClient } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { FormError, Input } from "@/components/ui/field";

type Kind = "category" | "section";
type Direction = "up" | "down";

interface Item {
  id: number;
  name: string;
}

/**
 * A manager's list of the help center's categories, each with its sections:
 * rename any of them in place, move one a place up or down. The help center
 * shows them in this order.
 */
export function CategorySectionOrder({ categories, sections }: { categories: Item[]; sections: (Item & { categoryId: number })[] }) {
  const prefix = useId();
  const client = useTRPCClient();
  const router = useRouter();
  const rename = useMutation({
    mutationFn: ({ kind, id, name }: { kind: Kind; id: number; name: string }) =>
      kind === "category" ? client.knowledge.manage.renameCategory.mutate({ id, name }) : client.knowledge.manage.renameSection.mutate({ id, name }),
    onSuccess: () => router.refresh(),
  });
  const move = useMutation({
    mutationFn: ({ kind, id, direction }: { kind: Kind; id: number; direction: Direction }) =>
      kind === "category" ? client.knowledge.manage.moveCategory.mutate({ id, direction }) : client.knowledge.manage.moveSection.mutate({ id, direction }),
    onSuccess: () => router.refresh(),
  });
  const { formError, field } = mutationErrors(rename.error ?? move.error, ["name"]);
  const busy = rename.isPending || move.isPending;

  function row(kind: Kind, item: Item, index: number, count: number) {
    const submit = (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      rename.mutate({ kind, id: item.id, name: String(new FormData(event.currentTarget).get("name") ?? "") });
    };
    return (
      <form onSubmit={submit} className="flex flex-wrap items-center gap-2" aria-label={`Rename ${kind} ${item.name}`}>
        <Input name="name" defaultValue={item.name} maxLength={120} required aria-label={`Name of ${kind} ${item.name}`} className="max-w-xs" />
        <Button type="submit" variant="secondary" disabled={busy}>
          Rename
        </Button>
        <Button variant="ghost" disabled={busy || index === 0} aria-label={`Move ${item.name} up`} onClick={() => move.mutate({ kind, id: item.id, direction: "up" })}>
          ↑
        </Button>
        <Button variant="ghost" disabled={busy || index === count - 1} aria-label={`Move ${item.name} down`} onClick={() => move.mutate({ kind, id: item.id, direction: "down" })}>
          ↓
        </Button>
      </form>
    );
  }

  return (
    <section aria-labelledby={`${prefix}-title`} className="space-y-3 rounded-lg border border-border bg-surface p-5">
      <h2 id={`${prefix}-title`} className="text-base font-semibold">
        Order and names
      </h2>
      <FormError message={formError ?? field("name")} />
      {categories.length === 0 ? <p className="text-sm text-muted">No categories yet: add one below.</p> : null}
      <ol className="space-y-4">
        {categories.map((category, index) => {
          const inCategory = sections.filter((section) => section.categoryId === category.id);
          return (
            <li key={category.id} className="space-y-2">
              {row("category", category, index, categories.length)}
              {inCategory.length ? (
                <ol className="space-y-2 border-l border-border pl-4" aria-label={`Sections of ${category.name}`}>
                  {inCategory.map((section, sectionIndex) => (
                    <li key={`${section.id}-${section.name}`}>{row("section", section, sectionIndex, inCategory.length)}</li>
                  ))}
                </ol>
              ) : (
                <p className="pl-4 text-sm text-muted">No sections yet.</p>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}
