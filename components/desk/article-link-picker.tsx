"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useRef, useState } from "react";
import { useTRPC } from "../trpc/client";
import { useDebouncedValue } from "../use-debounced-value";

/** A Markdown link to an article; brackets in the title would end the link text early. */
export function articleLink(article: { title: string; url: string }): string {
  return `[${article.title.replace(/[[\]]/g, "")}](${article.url})`;
}

/**
 * Searches published articles and inserts a Markdown link to one at the
 * composer's cursor. In a public reply only articles the ticket's requester
 * may open can be inserted (the server says which, by the article scope);
 * the others are listed with the reason. An internal note may link any.
 */
export function ArticleLinkPicker({ ticketNumber, kind, onInsert }: { ticketNumber: number; kind: "public" | "internal"; onInsert: (text: string) => void }) {
  const trpc = useTRPC();
  const panelId = useId();
  const [open, setOpen] = useState(false);
  const [q, setQ] = useState("");
  const toggle = useRef<HTMLButtonElement>(null);
  const settled = useDebouncedValue(q.trim(), 250);
  const links = useQuery({ ...trpc.knowledge.manage.links.queryOptions({ number: ticketNumber, q: settled }), enabled: open && settled.length >= 2 });

  function close() {
    setOpen(false);
    toggle.current?.focus();
  }

  return (
    <div className="relative">
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((value) => !value)}
        className="rounded-md border border-border-strong bg-surface px-2 py-1 text-sm hover:bg-surface-muted"
      >
        Article link…
      </button>
      {open ? (
        <div
          id={panelId}
          onKeyDown={(e) => {
            if (e.key === "Escape") {
              e.stopPropagation();
              close();
            }
          }}
          className="absolute left-0 z-20 mt-1 w-[min(24rem,calc(100vw-2rem))] space-y-2 rounded-lg border border-border bg-surface p-3 shadow-lg"
        >
          <label className="block text-xs text-muted">
            Search published articles
            <input
              type="search"
              autoFocus
              value={q}
              onChange={(e) => setQ(e.target.value)}
              maxLength={200}
              className="mt-1 block w-full rounded-md border border-border-strong bg-surface px-2 py-1 text-sm text-fg"
            />
          </label>
          <p aria-live="polite" className="text-xs text-muted">
            {settled.length < 2 ? "Type a few words of the article." : links.isPending ? "Searching…" : links.error ? links.error.message : links.data?.length ? "" : "No published article matches."}
          </p>
          {links.data?.length && settled.length >= 2 ? (
            <ul className="max-h-64 space-y-1 overflow-auto">
              {links.data.map((article) => {
                const blocked = kind === "public" && !article.requesterCanRead;
                return (
                  <li key={article.id}>
                    <button
                      type="button"
                      disabled={blocked}
                      onClick={() => {
                        onInsert(articleLink(article));
                        setQ("");
                        close();
                      }}
                      className="w-full rounded-md px-2 py-1 text-left text-sm hover:bg-surface-muted disabled:cursor-not-allowed disabled:opacity-70"
                    >
                      <span className="block font-medium">{article.title}</span>
                      <span className="block text-xs text-muted">
                        {article.sectionName}
                        {article.requesterCanRead ? null : <span className="ml-1 text-warning">· The requester cannot open this article{blocked ? "" : " (fine in a note)"}</span>}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
