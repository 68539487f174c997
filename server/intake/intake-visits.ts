import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { articles, intakeVisits } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { listedInHelpCenter } from "@/server/knowledge/article-scope";
import { AppError } from "@/server/errors";
import type { SessionUser } from "@/server/users/session-user";

/**
 * Visits to the portal's new-ticket form, for the deflection report: a visit
 * starts when the form opens, counts the suggested articles opened from it,
 * and ends with a ticket (attachTicketToVisit, in the ticket's transaction)
 * or without one. Only the visit's own user may touch it; anyone else's
 * visit answers as if it did not exist.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function startIntakeVisit(db: DbOrTx, user: Pick<SessionUser, "id">): Promise<{ visitId: string }> {
  const [visit] = await db.insert(intakeVisits).values({ userId: user.id }).returning({ visitId: intakeVisits.id });
  if (!visit) throw new Error("The intake visit was not created.");
  return visit;
}

/** A suggested article opened during the user's own visit: counted, and remembered when it is the first. The article must be one they may read. */
export async function recordSuggestedArticleOpened(
  db: DbOrTx,
  user: Pick<SessionUser, "id" | "role" | "organizationId">,
  input: { visitId: string; articleId: number },
): Promise<{ articlesOpened: number }> {
  const [readable] = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.id, input.articleId), listedInHelpCenter(user)))
    .limit(1);
  if (!readable) throw new AppError("NOT_FOUND", "This article does not exist.");
  const [visit] = await db
    .update(intakeVisits)
    .set({ articlesOpened: sql`${intakeVisits.articlesOpened} + 1`, firstArticleId: sql`coalesce(${intakeVisits.firstArticleId}, ${input.articleId}::integer)` })
    .where(and(eq(intakeVisits.id, input.visitId), eq(intakeVisits.userId, user.id)))
    .returning({ articlesOpened: intakeVisits.articlesOpened });
  if (!visit) throw new AppError("NOT_FOUND", "This visit does not exist.");
  return visit;
}

/**
 * Marks the user's visit as ended with this ticket. Ticket creation calls it
 * inside its own transaction, so it never throws for a bad visit id (a
 * stale tab, someone else's id, a visit that already has a ticket): it
 * answers false and the ticket is created all the same.
 */
export async function attachTicketToVisit(tx: DbOrTx, visitId: string | null | undefined, userId: string, ticketId: string): Promise<boolean> {
  if (!visitId || !UUID.test(visitId)) return false;
  const attached = await tx
    .update(intakeVisits)
    .set({ ticketId })
    .where(and(eq(intakeVisits.id, visitId), eq(intakeVisits.userId, userId), isNull(intakeVisits.ticketId)))
    .returning({ id: intakeVisits.id });
  return attached.length > 0;
}
