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
    const form = new FormData(event.currentTarget);
    const tag = String(form.get("tag") ?? "").trim() || undefined;
    const fieldValue = String(form.get("fieldValue") ?? "").trim() || undefined;
    apply({ tag, fieldValue });
  }

  return (
    <div className="space-y-2">
      <form role="search" action="/desk" onSubmit={search} className="flex gap-2">
        {searchingAll ? null : (
          <>
            <input type="hidden" name="view" value={view} />
            {keep(["teamId", "status", "priority", "categoryId", "assigneeId", "tag", "requesterId", "organizationId", "field", "fieldValue", "column"])}
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
          <CustomFieldFilter fields={options.ticketFields} values={values} params={params} apply={apply} setValues={setValues} />
          <noscript>
            <button type="submit" className="rounded-md border border-border-strong px-3 py-1.5 text-sm hover:bg-surface-muted">Filter</button>
          </noscript>
          {hasFilters(params) ? (
            <Link href={queueHref({ view: params.view, q: params.q, teamId: teamView ? params.teamId : undefined, sort: params.sort, column: params.column }, {})} className="text-sm text-accent hover:underline">
              Clear filters
            </Link>
          ) : null}
        </form>
      )}
    </div>
  );
}

type FieldOption = DeskOptions["ticketFields"][number];

/**
 * One custom field to narrow the queue by, and one to show as a column. The value control
 * follows the field's type: its options, yes or no, or text applied on Enter or on leaving it.
 */
function CustomFieldFilter({
  fields,
  values,
  params,
  apply,
  setValues,
}: {
  fields: FieldOption[];
  values: QueueParams;
  params: QueueParams;
  apply: (changes: Partial<QueueParams>) => void;
  setValues: (update: (current: QueueParams) => QueueParams) => void;
}) {
  if (fields.length === 0) return null;
  const field = fields.find((candidate) => candidate.key === values.field);
  const choices = field?.type === "checkbox" ? [{ value: "yes", label: "Yes" }, { value: "no", label: "No" }] : field?.options.filter((option) => option.active || option.value === values.fieldValue);
  return (
    <>
      <label className="sr-only" htmlFor="filter-field">Field</label>
      <select id="filter-field" name="field" value={values.field ?? ""} onChange={(e) => apply({ field: e.target.value || undefined, fieldValue: undefined })} className={control}>
        <option value="">Any field</option>
        {fields.map((f) => <option key={f.key} value={f.key}>{f.active ? f.label : `${f.label} (inactive)`}</option>)}
      </select>
      {field && choices && (field.type === "checkbox" || field.options.length > 0) ? (
        <>
          <label className="sr-only" htmlFor="filter-field-value">{field.label} is</label>
          <select id="filter-field-value" name="fieldValue" value={values.fieldValue ?? ""} onChange={(e) => apply({ fieldValue: e.target.value || undefined })} className={control}>
            <option value="">Any {field.label}</option>
            {choices.map((choice) => <option key={choice.value} value={choice.value}>{choice.label}</option>)}
          </select>
        </>
      ) : field ? (
        <>
          <label className="sr-only" htmlFor="filter-field-value">{field.label} (Enter applies)</label>
          <input
            id="filter-field-value"
            name="fieldValue"
            value={values.fieldValue ?? ""}
            onChange={(e) => setValues((current) => ({ ...current, fieldValue: e.target.value }))}
            onBlur={(e) => {
              const fieldValue = e.target.value.trim() || undefined;
              if (fieldValue !== params.fieldValue) apply({ fieldValue });
            }}
            maxLength={200}
            placeholder={`${field.label} ↵`}
            className={`${control} w-36`}
          />
        </>
      ) : null}
      <label className="sr-only" htmlFor="queue-column">Extra column</label>
      <select id="queue-column" name="column" value={values.column ?? ""} onChange={(e) => apply({ column: e.target.value || undefined })} className={control}>
        <option value="">No extra column</option>
        {fields.map((f) => <option key={f.key} value={f.key}>Column: {f.label}</option>)}
      </select>
    </>
  );
}
