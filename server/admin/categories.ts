import "server-only";
import { and, asc, eq, ne, sql } from "drizzle-orm";
import { categories, teams, type TicketPriority } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx, Tx } from "@/db/types";
import { AppError } from "@/server/errors";
import { withUniqueConflict } from "./database-errors";

/**
 * Categories as admins manage them: every category, archived ones last. The
 * new-ticket form reads only active ones (server/categories/list-categories.ts).
 */
export function listCategoriesForAdmin(db: DbOrTx) {
  return db
    .select({
      id: categories.id,
      name: categories.name,
      description: categories.description,
      defaultTeamId: categories.defaultTeamId,
      defaultTeamName: teams.name,
      defaultPriority: categories.defaultPriority,
      position: categories.position,
      archivedAt: categories.archivedAt,
    })
    .from(categories)
    .leftJoin(teams, eq(teams.id, categories.defaultTeamId))
    .orderBy(sql`${categories.archivedAt} is not null`, asc(categories.position), asc(categories.name));
}

export interface CategoryFields {
  name: string;
  description: string;
  defaultTeamId: string | null;
  defaultPriority: TicketPriority;
  position: number;
}

function categoryNameTaken(name: string) {
  return new AppError("CONFLICT", `A category named "${name}" already exists (perhaps archived). Choose another name.`);
}

/** Checks the name is free (ignoring case) and the team exists, share-locking it until commit. */
async function checkCategoryFields(tx: Tx, fields: CategoryFields, exceptId?: string) {
  const [taken] = await tx
    .select({ name: categories.name })
    .from(categories)
    .where(and(sql`lower(${categories.name}) = lower(${fields.name})`, exceptId ? ne(categories.id, exceptId) : undefined))
    .limit(1);
  if (taken) throw categoryNameTaken(taken.name);
  if (fields.defaultTeamId) {
    const [team] = await tx.select({ id: teams.id }).from(teams).where(eq(teams.id, fields.defaultTeamId)).for("share");
    if (!team) throw new AppError("INVALID", "That team no longer exists. Reload the page and choose another.");
  }
}

function clean(fields: CategoryFields): CategoryFields {
  return { ...fields, name: fields.name.trim(), description: fields.description.trim() };
}

function withNameConflict<T>(name: string, write: () => Promise<T>): Promise<T> {
  return withUniqueConflict(write, () => categoryNameTaken(name));
}

export async function createCategory(db: DbOrTx, input: CategoryFields) {
  const fields = clean(input);
  return withNameConflict(fields.name, () =>
    db.transaction(async (tx) => {
      await checkCategoryFields(tx, fields);
      return single(await tx.insert(categories).values(fields).returning(), "category");
    }),
  );
}

export async function updateCategory(db: DbOrTx, input: CategoryFields & { id: string }) {
  const { id, ...rest } = input;
  const fields = clean(rest);
  return withNameConflict(fields.name, () =>
    db.transaction(async (tx) => {
      await checkCategoryFields(tx, fields, id);
      const [updated] = await tx.update(categories).set(fields).where(eq(categories.id, id)).returning();
      if (!updated) throw new AppError("NOT_FOUND", "That category no longer exists. Reload the page.");
      return updated;
    }),
  );
}

/** Archived categories disappear from the new-ticket form; their tickets keep them. */
export async function setCategoryArchived(db: DbOrTx, input: { id: string; archived: boolean }) {
  const [updated] = await db
    .update(categories)
    // Archiving twice keeps the first time.
    .set({ archivedAt: input.archived ? sql`coalesce(${categories.archivedAt}, now())` : null })
    .where(eq(categories.id, input.id))
    .returning();
  if (!updated) throw new AppError("NOT_FOUND", "That category no longer exists. Reload the page.");
  return updated;
}
