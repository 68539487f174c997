import "server-only";
import { asc, eq, ilike, sql } from "drizzle-orm";
import { cannedResponses, users } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import type { SessionUser } from "@/server/users/session-user";
import { containsPattern } from "./search-pattern";

/** A workspace keeps tens of saved replies, not thousands; the list is capped all the same. */
export const cannedResponseListLimit = 500;

/** Saved replies by title, for agents picking one and for the admin page. */
export function listCannedResponses(db: DbOrTx, input: { query?: string } = {}) {
  const query = input.query?.trim();
  return db
    .select({
      id: cannedResponses.id,
      title: cannedResponses.title,
      body: cannedResponses.body,
      updatedAt: cannedResponses.updatedAt,
      createdByName: users.name,
    })
    .from(cannedResponses)
    .leftJoin(users, eq(users.id, cannedResponses.createdById))
    .where(query ? ilike(cannedResponses.title, containsPattern(query)) : undefined)
    .orderBy(asc(sql`lower(${cannedResponses.title})`), asc(cannedResponses.id))
    .limit(cannedResponseListLimit);
}

export interface CannedResponseFields {
  title: string;
  body: string;
}

export async function createCannedResponse(db: DbOrTx, actor: SessionUser, input: CannedResponseFields) {
  return single(
    await db
      .insert(cannedResponses)
      .values({ title: input.title.trim(), body: input.body, createdById: actor.id })
      .returning(),
    "canned response",
  );
}

export async function updateCannedResponse(db: DbOrTx, input: CannedResponseFields & { id: string }) {
  const [updated] = await db
    .update(cannedResponses)
    .set({ title: input.title.trim(), body: input.body, updatedAt: new Date() })
    .where(eq(cannedResponses.id, input.id))
    .returning();
  if (!updated) throw new AppError("NOT_FOUND", "That canned response no longer exists. Reload the page.");
  return updated;
}

export async function deleteCannedResponse(db: DbOrTx, input: { id: string }) {
  const deleted = await db.delete(cannedResponses).where(eq(cannedResponses.id, input.id)).returning({ id: cannedResponses.id });
  if (deleted.length === 0) throw new AppError("NOT_FOUND", "That canned response no longer exists. Reload the page.");
  return { id: input.id };
}
