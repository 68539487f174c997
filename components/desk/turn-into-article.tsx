"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import type { Route } from "next";
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { useTRPC } from "../trpc/client";
import { Button } from "../ui/button";

/**
 * "Turn into article" on a solved ticket: the subject and the last public
 * staff reply become an internal draft in the chosen section, opened in the
 * knowledge editor to be edited, given readers and published.
 */
export function TurnIntoArticle({ ticketNumber }: { ticketNumber: number }) {
  const trpc = useTRPC();
  const router = useRouter();
  const selectId = useId();
  const [open, setOpen] = useState(false);
  const [sectionId, setSectionId] = useState("");
  const sections = useQuery({ ...trpc.knowledge.manage.sections.queryOptions(), enabled: open });
  const create = useMutation(trpc.knowledge.manage.fromTicket.mutationOptions({ onSuccess: (article) => router.push(`/desk/knowledge/${article.id}` as Route) }));

  if (!open) {
    return (
      <Button variant="secondary" onClick={() => setOpen(true)} className="w-full">
        Turn into article…
      </Button>
    );
  }
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (sectionId) create.mutate({ number: ticketNumber, sectionId: Number(sectionId) });
      }}
      className="space-y-2 rounded-lg border border-border bg-surface p-3 text-sm"
    >
      <p className="text-xs text-muted">The subject and the last public reply become an internal draft you can edit before anyone publishes it.</p>
      <label htmlFor={selectId} className="block text-xs text-muted">
        Section
      </label>
      <select id={selectId} required value={sectionId} onChange={(e) => setSectionId(e.target.value)} className="block w-full rounded-md border border-border-strong bg-surface px-2 py-1 text-sm">
        <option value="">{sections.isPending ? "Loading sections…" : "Choose a section"}</option>
        {sections.data?.map((section) => (
          <option key={section.id} value={section.id}>
            {section.categoryName} / {section.name}
          </option>
        ))}
      </select>
      {create.error ? (
        <p role="alert" className="text-danger">
          {create.error.message}
        </p>
      ) : null}
      <div className="flex gap-2">
        <Button type="submit" disabled={!sectionId || create.isPending}>
          {create.isPending ? "Creating…" : "Create draft"}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
