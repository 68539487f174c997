import Link from "next/link";
import { ticketPriorities, ticketStatuses } from "@/lib/vocabularies";
import type { DeskOptions } from "@/server/tickets/desk-options";
import { priorityLabels, statusLabels } from "../ticket-badges";
import { hasFilters, queueHref, type QueueParams } from "./queue-params";

const control = "rounded-md border border-border-strong bg-surface px-2 py-1.5 text-sm";

/** Search and filters as plain GET forms: they work before (and without) JavaScript. */
export function QueueFilters({ params, options }: { params: QueueParams; options: DeskOptions }) {
  const keep = (names: (keyof QueueParams)[]) =>
    names.map((name) => (params[name] ? <input key={name} type="hidden" name={name} value={String(params[name])} /> : null));
  return (
    <div className="space-y-2">
      <form role="search" action="/desk" className="flex gap-2">
        {keep(["view", "teamId"])}
        <label htmlFor="desk-search" className="sr-only">Search tickets</label>
        <input
          id="desk-search"
          name="q"
          type="search"
          defaultValue={params.q}
          maxLength={200}
          placeholder="Search subjects and messages, or #number  ( / )"
          className={`${control} min-w-0 flex-1`}
        />
        <button type="submit" className="rounded-md border border-border-strong px-3 text-sm hover:bg-surface-muted">Search</button>
      </form>
      {params.q ? null : (
        <form action="/desk" className="flex flex-wrap items-center gap-2" aria-label="Filters">
          {keep(["view", "sort", "requesterId", ...(params.view === "team" ? (["teamId"] as const) : [])])}
          <label className="sr-only" htmlFor="filter-status">Status</label>
          <select id="filter-status" name="status" defaultValue={params.status ?? ""} className={control}>
            <option value="">Any status</option>
            {ticketStatuses.map((s) => <option key={s} value={s}>{statusLabels[s]}</option>)}
          </select>
          <label className="sr-only" htmlFor="filter-priority">Priority</label>
          <select id="filter-priority" name="priority" defaultValue={params.priority ?? ""} className={control}>
            <option value="">Any priority</option>
            {ticketPriorities.map((p) => <option key={p} value={p}>{priorityLabels[p]}</option>)}
          </select>
          <label className="sr-only" htmlFor="filter-category">Category</label>
          <select id="filter-category" name="categoryId" defaultValue={params.categoryId ?? ""} className={control}>
            <option value="">Any category</option>
            {options.categories.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
          {params.view === "team" ? null : (
            <>
              <label className="sr-only" htmlFor="filter-team">Team</label>
              <select id="filter-team" name="teamId" defaultValue={params.teamId ?? ""} className={control}>
                <option value="">Any team</option>
                {options.teams.map((t) => <option key={t.id} value={t.id}>{t.name}</option>)}
              </select>
            </>
          )}
          <label className="sr-only" htmlFor="filter-assignee">Assignee</label>
          <select id="filter-assignee" name="assigneeId" defaultValue={params.assigneeId ?? ""} className={control}>
            <option value="">Any assignee</option>
            <option value="none">Unassigned</option>
            {options.agents.map((a) => <option key={a.id} value={a.id}>{a.name}</option>)}
          </select>
          <label className="sr-only" htmlFor="filter-organization">Organization</label>
          <select id="filter-organization" name="organizationId" defaultValue={params.organizationId ?? ""} className={control}>
            <option value="">Any organization</option>
            {options.organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          <label className="sr-only" htmlFor="filter-tag">Tag</label>
          <input id="filter-tag" name="tag" defaultValue={params.tag} maxLength={40} placeholder="Tag" className={`${control} w-28`} />
          <button type="submit" className="rounded-md border border-border-strong px-3 py-1.5 text-sm hover:bg-surface-muted">Filter</button>
          {hasFilters(params) ? (
            <Link href={queueHref({ view: params.view, teamId: params.view === "team" ? params.teamId : undefined, sort: params.sort }, {})} className="text-sm text-accent hover:underline">
              Clear filters
            </Link>
          ) : null}
        </form>
      )}
    </div>
  );
}
