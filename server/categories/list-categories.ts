import "server-only";
import { asc, isNull } from "drizzle-orm";
import { categories } from "@/db/schema";
import type { DbOrTx } from "@/db/types";

/** Categories a new ticket can be filed under, in their display order. */
export function listActiveCategories(db: DbOrTx) {
  return db
    .select({ id: categories.id, name: categories.name, description: categories.description })
    .from(categories)
    .where(isNull(categories.archivedAt))
    .orderBy(asc(categories.position), asc(categories.name));
}
