"use client";

import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { articlePath } from "@/lib/article-slug";
import { useDebouncedValue } from "../use-debounced-value";
import { useTRPC } from "../trpc/client";
import { HighlightedSnippet } from "./highlighted-snippet";

/** Fewer characters than this say too little to search on. */
const MIN_SUBJECT = 3;

/**
 * Starts one visit to the new-ticket form when the form mounts (once, even
 * under React's double effects in development) and returns its id, or null
 * until the server answers or when it could not start one. The form passes
 * the id to ArticleSuggestions and, with the ticket, to tickets.create.
 */
export function useIntakeVisit(): string | null {
  const trpc = useTRPC();
  const start = useMutation(trpc.portal.intake.start.mutationOptions());
  const started = useRef(false);
  const { mutate } = start;
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    mutate();
  }, [mutate]);
  return start.data?.visitId ?? null;
}

/**
 * Articles that may answer the ticket being written, matched to its subject
 * as the customer types (debounced), at most five, only ones they may read.
 * Each opens in a new tab, so the form and what was typed stay; opening one
 * is counted on the visit (a deflection if no ticket follows). With nothing
 * to show, it shows nothing: the form is the point of the page.
 */
export function ArticleSuggestions({ subject, visitId }: { subject: string; visitId: string | null }) {
  const trpc = useTRPC();
  const headingId = useId();
  const settled = useDebouncedValue(subject.trim(), 250);
  const enabled = settled.length >= MIN_SUBJECT;
  const suggestions = useQuery({ ...trpc.knowledge.suggest.queryOptions({ subject: settled }), enabled, placeholderData: keepPreviousData, staleTime: 60_000 });
  const opened = useMutation(trpc.portal.intake.articleOpened.mutationOptions());
  // Each article counts once per visit, however often it is clicked.
  const [counted, setCounted] = useState<ReadonlySet<number>>(new Set());
  const hits = enabled ? (suggestions.data ?? []) : [];

  function open(articleId: number) {
    if (!visitId || counted.has(articleId)) return;
    setCounted((ids) => new Set(ids).add(articleId));
    opened.mutate({ visitId, articleId });
  }

  return (
    <section aria-labelledby={headingId} className={hits.length ? "space-y-2 rounded-lg border border-border bg-surface-muted p-3" : "sr-only"}>
      <h2 id={headingId} className="text-sm font-semibold">
        Articles that may answer this
      </h2>
      <p aria-live="polite" className="text-xs text-muted">
        {hits.length ? `${hits.length === 1 ? "1 article matches" : `${hits.length} articles match`} your subject. They open in a new tab.` : ""}
      </p>
      {hits.length ? (
        <ul className="space-y-2">
          {hits.map((hit) => (
            <li key={hit.id} className="text-sm">
              <a
                href={articlePath(hit)}
                target="_blank"
                rel="noopener"
                onClick={() => open(hit.id)}
                onAuxClick={() => open(hit.id)}
                className="font-medium text-accent underline-offset-2 hover:underline focus-visible:underline"
              >
                {hit.title}
                <span className="sr-only"> (opens in a new tab)</span>
              </a>
              <p className="line-clamp-2 text-xs text-muted">
                <HighlightedSnippet snippet={hit.snippet} />
              </p>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
