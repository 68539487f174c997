import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { customFields } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import type { CustomFieldTarget } from "@/lib/custom-field-vocabulary";

/**
 * Reading field definitions. The table is small (tens of rows) and an admin
 * may change it from any process at any time, so every request reads it
 * afresh (one indexed query) instead of caching it in memory, which another
 * app process would not hear about.
 */
export const fieldDefinitionColumns = {
  id: customFields.id,
  target: customFields.target,
  key: customFields.key,
  label: customFields.label,
  helpText: customFields.helpText,
  type: customFields.type,
  options: customFields.options,
  position: customFields.position,
  active: customFields.active,
  requiredForCustomers: customFields.requiredForCustomers,
  requiredOnSolve: customFields.requiredOnSolve,
  agentOnly: customFields.agentOnly,
};

export type FieldDefinition = {
  [K in keyof typeof fieldDefinitionColumns]: (typeof fieldDefinitionColumns)[K]["_"]["data"];
};

/** Every field of a target, active or not, in display order (position, then age). */
export function listFieldDefinitions(db: DbOrTx, target: CustomFieldTarget): Promise<FieldDefinition[]> {
  return db.select(fieldDefinitionColumns).from(customFields).where(eq(customFields.target, target)).orderBy(asc(customFields.position), asc(customFields.id));
}

/** One field by id, within a target (null when there is none). */
export async function findFieldDefinition(db: DbOrTx, target: CustomFieldTarget, id: number): Promise<FieldDefinition | null> {
  const [row] = await db.select(fieldDefinitionColumns).from(customFields).where(and(eq(customFields.target, target), eq(customFields.id, id)));
  return row ?? null;
}

/** Every field of every target, as the admin page lists them. */
export function listAllFieldDefinitions(db: DbOrTx): Promise<FieldDefinition[]> {
  return db.select(fieldDefinitionColumns).from(customFields).orderBy(asc(customFields.target), asc(customFields.position), asc(customFields.id));
}
