import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { messageKinds, tickets, ticketStatuses } from "@/db/schema";
import type { SessionUser } from "@/server/users/session-user";
import { visibleMessageKinds } from "./ticket-scope";

/**
 * The per-ticket search documents (tickets.staff_search, tickets.public_search: the words of a
 * ticket's messages, kept by triggers, migration 0017) and the time windows search reads them in.
 *
 * A document sits on the ticket row, so PostgreSQL can intersect a word's GIN entries with a
 * range of updated_at (a BitmapAnd, no row read for matches outside the range) and read only the
 * matches of that range. Search widens the range until it holds a page: for a word in a fraction
 * f of the tickets, it stops at the first window with a page of matches, so it reads about a page
 * of rows (a few pages at most) whatever f is, where collecting every match read them all.
 */

/**
 * The document holding exactly the messages a viewer may read, by the one rule of ticket-scope:
 * staff read every kind, customers public replies. A new rule would need a new document.
 */
export function searchDocumentOf(viewer: Pick<SessionUser, "role">) {
  const kinds = visibleMessageKinds(viewer);
  if (kinds.length === messageKinds.length) return tickets.staffSearch;
  if (kinds.length === 1 && kinds[0] === "public") return tickets.publicSearch;
  throw new Error(`No search document holds exactly the message kinds ${kinds.join(", ")}.`);
}

/**
 * The words of the text custom fields a viewer may read (migration 0021): staff read every
 * field, customers those that are not agent-only, the rule of mayUseField.
 */
export function fieldSearchDocumentOf(viewer: Pick<SessionUser, "role">) {
  return searchDocumentOf(viewer) === tickets.staffSearch ? tickets.staffFieldSearch : tickets.publicFieldSearch;
}

/**
 * Whether websearch_to_tsquery turns the text into words joined by AND and OR only: letters,
 * digits and spaces. Then a ticket whose subject or one message matches also matches its
 * subject or its document (which holds every word of those messages), so the documents find a
 * superset of the matches. A quoted phrase, a hyphen (a phrase or a negation) or other signs can
 * make a phrase or a NOT, which a document without positions cannot answer: those queries keep
 * reading messages.
 */
export function answeredByDocuments(text: string): boolean {
  return /^[\p{L}\p{N}\s]+$/u.test(text);
}

/** How far back from the cursor (or now) each try looks, in days; after the last, everything. */
export const searchWindowDays = [1, 7, 30, 120, 365] as const;

/**
 * Tickets updated at most `days` before `anchor`. With every status named, the status queue
 * index (status, updated_at, id) answers it as one range per status, for a bitmap.
 */
export function updatedWithin(anchor: Date, days: number): SQL {
  const since = new Date(anchor.getTime() - days * 86_400_000).toISOString();
  const statuses = sql.raw(ticketStatuses.map((status) => `'${status}'`).join(", "));
  return sql`(${tickets.status} in (${statuses}) and ${tickets.updatedAt} >= ${since})`;
}
