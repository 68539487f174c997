import type { Route } from "next";
import {
  deskViews,
  ticketPriorities,
  ticketSorts,
  ticketStatuses,
  type DeskView,
  type TicketPriority,
  type TicketSort,
  type TicketStatus,
} from "@/lib/vocabularies";
import { customFieldKeyPattern } from "@/lib/custom-field-vocabulary";

/** A desk queue's state lives in its URL, so views can be bookmarked, shared and navigated back to. */

export interface QueueParams {
  /**
   * The view the URL names. None means "My open" (viewOf), and a search
   * with none covers every ticket; a search with one stays inside it.
   */
  view?: DeskView;
  sort?: TicketSort;
  q?: string;
  cursor?: string;
  status?: TicketStatus;
  priority?: TicketPriority;
  categoryId?: string;
  teamId?: string;
  assigneeId?: string;
  tag?: string;
  requesterId?: string;
  organizationId?: string;
  /** A custom field's key and the value the queue is narrowed to. */
  field?: string;
  fieldValue?: string;
  /** A custom field shown as an extra column. */
  column?: string;
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function pick<T extends string>(value: unknown, allowed: readonly T[]): T | undefined {
  return allowed.find((a) => a === value);
}

function text(value: unknown, max: number): string | undefined {
  return typeof value === "string" && value.trim() ? value.trim().slice(0, max) : undefined;
}

function id(value: unknown): string | undefined {
  return typeof value === "string" && uuid.test(value) ? value : undefined;
}

function fieldKey(value: unknown): string | undefined {
  return typeof value === "string" && customFieldKeyPattern.test(value) ? value : undefined;
}

export const defaultView: DeskView = "mine";

/** The view on screen. */
export function viewOf(params: QueueParams): DeskView {
  return params.view ?? defaultView;
}

/** What a search covers: the view it was typed in, or (null) every ticket. */
export function searchScopeOf(params: QueueParams): DeskView | null {
  return params.view ?? null;
}

/** The list filters the URL names, in the shape the queue procedure takes. */
export function filtersOf(params: QueueParams) {
  return {
    status: params.status ? [params.status] : undefined,
    priority: params.priority ? [params.priority] : undefined,
    categoryId: params.categoryId,
    teamId: params.teamId,
    assigneeId: params.assigneeId,
    tag: params.tag,
    requesterId: params.requesterId,
    organizationId: params.organizationId,
    field: params.field && params.fieldValue ? { key: params.field, value: params.fieldValue } : undefined,
  };
}

/** A view name the URL asks for that does not exist, so the page can say so instead of showing another view. */
export function unknownViewOf(params: Record<string, string | string[] | undefined>): string | null {
  const view = params.view;
  if (view === undefined || view === "") return null;
  return typeof view === "string" && pick(view, deskViews) ? null : String(view).slice(0, 60);
}

/** Reads the URL's search params, dropping anything malformed instead of failing. */
export function parseQueueParams(params: Record<string, string | string[] | undefined>): QueueParams {
  return {
    view: pick(params.view, deskViews),
    sort: pick(params.sort, ticketSorts),
    q: text(params.q, 200),
    cursor: text(params.cursor, 300),
    status: pick(params.status, ticketStatuses),
    priority: pick(params.priority, ticketPriorities),
    categoryId: id(params.categoryId),
    teamId: id(params.teamId),
    assigneeId: params.assigneeId === "none" ? "none" : id(params.assigneeId),
    tag: text(params.tag, 40),
    requesterId: id(params.requesterId),
    organizationId: id(params.organizationId),
    field: fieldKey(params.field),
    fieldValue: text(params.fieldValue, 200),
    column: fieldKey(params.column),
  };
}

/** The URL for the queue with some params changed; changing anything but the cursor starts from page one. */
export function queueHref(current: QueueParams, changes: Partial<QueueParams>): Route {
  const next: QueueParams = { ...current, ...changes };
  if (!("cursor" in changes)) delete next.cursor;
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(next)) if (value) search.set(key, String(value));
  const query = search.toString();
  return (query ? `/desk?${query}` : "/desk") as Route;
}

export function hasFilters(params: QueueParams): boolean {
  return Boolean(
    params.status ||
      params.priority ||
      params.categoryId ||
      params.assigneeId ||
      params.tag ||
      params.requesterId ||
      params.organizationId ||
      (params.field && params.fieldValue) ||
      (params.teamId && viewOf(params) !== "team"),
  );
}
