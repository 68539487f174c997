import "server-only";
import { asc, eq } from "drizzle-orm";
import { articleCategories, articleSections } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";

/**
 * Shaping the help center after the fact (managers and admins; the router
 * states the role): renaming a category or a section, and moving one a
 * place up or down among its siblings. A move renumbers the siblings 1..n in
 * the new order, so positions that were equal (or had gaps) end up distinct.
 */

export type MoveDirection = "up" | "down";

/** A new name, and a new description when one is given. */
export async function renameArticleCategory(db: DbOrTx, input: { id: number; name: string; description?: string }): Promise<{ id: number }> {
  const [renamed] = await db
    .update(articleCategories)
    .set({ name: input.name, ...(input.description === undefined ? {} : { description: input.description }) })
    .where(eq(articleCategories.id, input.id))
    .returning({ id: articleCategories.id });
  if (!renamed) throw new AppError("NOT_FOUND", "This category does not exist.");
  return renamed;
}

export async function renameArticleSection(db: DbOrTx, input: { id: number; name: string }): Promise<{ id: number }> {
  const [renamed] = await db.update(articleSections).set({ name: input.name }).where(eq(articleSections.id, input.id)).returning({ id: articleSections.id });
  if (!renamed) throw new AppError("NOT_FOUND", "This section does not exist.");
  return renamed;
}

/** The order with `id` one place further up or down; unchanged at either end. */
function reordered(ids: readonly number[], id: number, direction: MoveDirection): number[] {
  const order = [...ids];
  const from = order.indexOf(id);
  const to = direction === "up" ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= order.length) return order;
  [order[from], order[to]] = [order[to] as number, order[from] as number];
  return order;
}

export async function moveArticleCategory(db: DbOrTx, input: { id: number; direction: MoveDirection }): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    // Locks every category, so two moves at once apply one after the other.
    const rows = await tx.select({ id: articleCategories.id }).from(articleCategories).orderBy(asc(articleCategories.position), asc(articleCategories.id)).for("update");
    if (!rows.some((row) => row.id === input.id)) throw new AppError("NOT_FOUND", "This category does not exist.");
    const order = reordered(
      rows.map((row) => row.id),
      input.id,
      input.direction,
    );
    for (const [index, id] of order.entries()) await tx.update(articleCategories).set({ position: index + 1 }).where(eq(articleCategories.id, id));
    return { id: input.id };
  });
}

export async function moveArticleSection(db: DbOrTx, input: { id: number; direction: MoveDirection }): Promise<{ id: number }> {
  return db.transaction(async (tx) => {
    const [section] = await tx.select({ categoryId: articleSections.categoryId }).from(articleSections).where(eq(articleSections.id, input.id)).limit(1);
    if (!section) throw new AppError("NOT_FOUND", "This section does not exist.");
    const rows = await tx
      .select({ id: articleSections.id })
      .from(articleSections)
      .where(eq(articleSections.categoryId, section.categoryId))
      .orderBy(asc(articleSections.position), asc(articleSections.id))
      .for("update");
    const order = reordered(
      rows.map((row) => row.id),
      input.id,
      input.direction,
    );
    for (const [index, id] of order.entries()) await tx.update(articleSections).set({ position: index + 1 }).where(eq(articleSections.id, id));
    return { id: input.id };
  });
}
