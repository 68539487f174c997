"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent } from "react";
import { ticketPriorities, ticketStatuses } from "@/lib/vocabularies";
import type { DeskOptions } from "@/server/tickets/desk-options";
import { priorityLabels, statusLabels } from "../ticket-badges";
import { hasFilters, queueHref, viewOf, type QueueParams } from "./queue-params";

const control = "rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm";

function oneOf<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

/**
 * Search and filters. A filter applies as soon as it is chosen; search stays
 * inside the view it is typed in. Both are plain GET forms underneath, so
 * they work before (and without) JavaScript: then a Filter button appears.
 */
export function QueueFilters({ params, options, viewLabel }: { params: QueueParams; options: DeskOptions; viewLabel: string }) {
  const router = useRouter();
  const [navigating, startNavigation] = useTransition();
  // What is chosen shows at once; the URL (and with it the list) follows.
  const [values, setValues] = useState(params);
  const urlKey = JSON.stringify(params);
  const [shownKey, setShownKey] = useState(urlKey);
  if (shownKey !== urlKey) {
    setShownKey(urlKey);
    setValues(params);
  }

  const view = viewOf(params);
  const searchingAll = Boolean(params.q) && !params.view;
  const teamView = view === "team";
  const apply = (changes: Partial<QueueParams>) => {
    setValues((current) => ({ ...current, ...changes }));
    startNavigation(() => router.push(queueHref(params, changes)));
  };
  const keep = (names: (keyof QueueParams)[]) =>
    names.map((name) => (params[name] ? <input key={name} type="hidden" name={name} value={String(params[name])} /> : null));

  function search(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim() || undefined;
    startNavigation(() => router.push(queueHref(searchingAll ? {} : { ...params, view }, { q })));
  }

  function filter(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const tag = String(new FormData(event.currentTarget).get("tag") ?? "").trim() || undefined;
    apply({ tag });
  }

  return (
    <div className="space-y-2">
      <form role="search" action="/desk" onSubmit={search} className="flex gap-2">
        {searchingAll ? null : (
          <>
            <input type="hidden" name="view" value={view} />
            {keep(["teamId", "status", "priority", "categoryId", "assigneeId", "tag", "requesterId", "organizationId"])}
          </>
        )}
        <label htmlFor="desk-search" className="sr-only">
          {searchingAll ? "Search all tickets" : `Search in ${viewLabel}`}
        </label>
        <input
          id="desk-search"
          name="q"
          type="search"
          value={values.q ?? ""}
          onChange={(e) => setValues((current) => ({ ...current, q: e.target.value }))}
          maxLength={200}
          placeholder={`Search ${searchingAll ? "all tickets" : viewLabel}, or #number  ( / )`}
          className={`${control} min-w-0 flex-1`}
        />
        <button type="submit" className="rounded-md border border-border-strong px-3 text-sm hover:bg-surface-muted">Search</button>
      </form>
      {searchingAll ? null : (
        <form action="/desk" onSubmit={filter} className="flex flex-wrap items-center gap-2" aria-label="Filters" aria-busy={navigating}>
          {keep(["view", "q", "sort", "requesterId", ...(teamView ? (["teamId"] as const) : [])])}
          <label className="sr-only" htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" value={values.status ?? ""} onChange={(e) => apply({ status: oneOf(e.target.value, ticketStatuses) })} className={control}>
            <option value="">Any status</option>
            {ticketStatuses.map((s) => <option key={s} value={s}>{statusLabels[s]}</option>)}
          </select>
          <label className="sr-only" htmlFor="filter-priority">Priority</label>
          <select id="filter-priority" name="priority" value={values.priority ?? ""} onChange={(e) => apply({ priority: oneOf(e.target.value, ticketPriorities) })} className={control}>
            <option value="">Any priority</option>
            {ticketPriorities.map((p) => <option key={p} value={p}>{priorityLabels[p]}</option>)}
          </select>
          <label className="sr-only" htmlFor="filter-category">Category</label>
          <select id="filter-category" name="categoryId" value={values.categoryId ?? ""} onChange={(e) => apply({ categoryId: e.target.value || undefined })} className={control}>
            <option value="">Any category</option>
            {options.categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          {teamView ? null : (
            <>
              <label className="sr-only" htmlFor="filter-team">Team</label>
              <select id="filter-team" name="teamId" value={values.teamId ?? ""} onChange={(e) => apply({ teamId: e.target.value || undefined })} className={control}>
                <option value="">Any team</option>
                {options.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
              </select>
            </>
          )}
          <label className="sr-only" htmlFor="filter-assignee">Assignee</label>
          <select id="filter-assignee" name="assigneeId" value={values.assigneeId ?? ""} onChange={(e) => apply({ assigneeId: e.target.value || undefined })} className={control}>
            <option value="">Any assignee</option>
            <option value="none">Unassigned</option>
            {options.agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
          <label className="sr-only" htmlFor="filter-organization">Organization</label>
          <select id="filter-organization" name="organizationId" value={values.organizationId ?? ""} onChange={(e) => apply({ organizationId: e.target.value || undefined })} className={control}>
            <option value="">Any organization</option>
            {options.organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          <label className="sr-only" htmlFor="filter-tag">Tag (Enter applies)</label>
          <input
            id="filter-tag"
            name="tag"
            value={values.tag ?? ""}
            onChange={(e) => setValues((current) => ({ ...current, tag: e.target.value }))}
            maxLength={40}
            placeholder="Tag ↵"
            onBlur={(e) => {
              const tag = e.target.value.trim() || undefined;
              if (tag !== params.tag) apply({ tag });
            }}
            className={`${control} w-28`}
          />
          <noscript>
            <button type="submit" className="rounded-md border border-border-strong px-3 py-1.5 text-sm hover:bg-surface-muted">Filter</button>
          </noscript>
          {hasFilters(params) ? (
            <Link href={queueHref({ view: params.view, q: params.q, teamId: teamView ? params.teamId : undefined, sort: params.sort }, {})} className="text-sm text-accent hover:underline">
              Clear filters
            </Link>
          ) : null}
        </form>
      )}
    </div>
  );
}
