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
 *
 * Order: positions are 1..n with no ties, categories in use first (in the
 * order customers see them), archived ones after. Every writer of the order
 * (create, move, archive, unarchive) takes one advisory lock and renumbers the
 * whole list, which also mends ties left by older data; an edit never changes
 * the position, only the up/down arrows (moveCategory) do.
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
    .orderBy(...listOrder);
}

const listOrder = [sql`${categories.archivedAt} is not null`, asc(categories.position), asc(categories.name), asc(categories.id)];

// Namespace for the category-order advisory lock (an arbitrary constant, next to the automation rules' 4_217_002).
const categoryOrderLock = 4_217_003;

async function lockCategoryOrder(tx: Tx) {
  await tx.execute(sql`select pg_advisory_xact_lock(${categoryOrderLock}::int, 0)`);
}

/** Every category in list order (in use first, then archived), and the ids of each group in that order. */
async function currentOrder(tx: Tx) {
  const rows = await tx
    .select({ id: categories.id, position: categories.position, archived: sql<boolean>`${categories.archivedAt} is not null` })
    .from(categories)
    .orderBy(...listOrder);
  return { rows, active: rows.filter((r) => !r.archived).map((r) => r.id), archived: rows.filter((r) => r.archived).map((r) => r.id) };
}

/** Writes positions 1..n in the order given, touching only the rows whose position changes. */
async function renumber(tx: Tx, rows: { id: string; position: number }[], ids: string[]) {
  const before = new Map(rows.map((r) => [r.id, r.position]));
  for (const [index, id] of ids.entries()) {
    if (before.get(id) !== index + 1) await tx.update(categories).set({ position: index + 1 }).where(eq(categories.id, id));
  }
}

export interface CategoryFields {
  name: string;
  description: string;
  defaultTeamId: string | null;
  defaultPriority: TicketPriority;
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

/** A new category goes last among those in use. */
export async function createCategory(db: DbOrTx, input: CategoryFields) {
  const fields = clean(input);
  return withNameConflict(fields.name, () =>
    db.transaction(async (tx) => {
      await checkCategoryFields(tx, fields);
      await lockCategoryOrder(tx);
      const order = await currentOrder(tx);
      const created = single(await tx.insert(categories).values({ ...fields, position: 0 }).returning(), "category");
      await renumber(tx, [...order.rows, { id: created.id, position: 0 }], [...order.active, created.id, ...order.archived]);
      return { ...created, position: order.active.length + 1 };
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
      if (!updated) throw categoryGone();
      return updated;
    }),
  );
}

/** Archived categories disappear from the new-ticket form (and go to the end of the list); their tickets keep them. An unarchived one comes back last among those in use. */
export async function setCategoryArchived(db: DbOrTx, input: { id: string; archived: boolean }) {
  return db.transaction(async (tx) => {
    await lockCategoryOrder(tx);
    const before = await currentOrder(tx);
    const [updated] = await tx
      .update(categories)
      // Archiving twice keeps the first time.
      .set({ archivedAt: input.archived ? sql`coalesce(${categories.archivedAt}, now())` : null })
      .where(eq(categories.id, input.id))
      .returning();
    if (!updated) throw categoryGone();
    const others = (ids: string[]) => ids.filter((id) => id !== updated.id);
    const ids = input.archived ? [...others(before.active), ...others(before.archived), updated.id] : [...others(before.active), updated.id, ...others(before.archived)];
    await renumber(tx, before.rows, ids);
    const [row] = await tx.select().from(categories).where(eq(categories.id, updated.id));
    return row ?? updated;
  });
}

/** Moves a category in use one place up or down in the list customers see; at either end it stays put. */
export async function moveCategory(db: DbOrTx, input: { id: string; direction: "up" | "down" }) {
  return db.transaction(async (tx) => {
    await lockCategoryOrder(tx);
    const order = await currentOrder(tx);
    const from = order.active.indexOf(input.id);
    if (from === -1) {
      if (order.archived.includes(input.id)) throw new AppError("INVALID", "Archived categories are not offered, so they have no place in the order. Unarchive it first.");
      throw categoryGone();
    }
    const to = input.direction === "up" ? from - 1 : from + 1;
    const active = [...order.active];
    const moved = to >= 0 && to < active.length;
    if (moved) active.splice(to, 0, ...active.splice(from, 1));
    // Renumbered even when it stays put, so ties from older data are mended by any press.
    await renumber(tx, order.rows, [...active, ...order.archived]);
    return { id: input.id, moved, position: active.indexOf(input.id) + 1 };
  });
}

function categoryGone() {
  return new AppError("NOT_FOUND", "That category no longer exists. Reload the page.");
}
