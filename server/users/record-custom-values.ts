import "server-only";
import { eq, inArray } from "drizzle-orm";
import { organizations, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import type { CustomFieldTarget, CustomFieldValue, CustomFieldValues } from "@/lib/custom-field-vocabulary";
import { listFieldDefinitions, type FieldDefinition } from "@/server/custom-fields/field-definitions";
import { customValuesByKey, ticketFieldViews, type TicketFieldView } from "@/server/custom-fields/ticket-custom-values";
import { validateCustomValues } from "@/server/custom-fields/validate-values";
import { AppError } from "@/server/errors";
import type { SessionUser } from "./session-user";

/**
 * Custom field values of people and organizations, kept on the record
 * itself (`custom_values`, keyed by field id, as on tickets). Reading and
 * writing go through the ticket fields' rules: one validation
 * (validateCustomValues), one visibility rule (mayUseField, inside it and
 * inside customValuesByKey and ticketFieldViews), so a retired field keeps
 * its value read-only and a customer never reads nor sets an agent-only one.
 * Who may call these (agents for people, admins for organizations) is the
 * procedure's or the route's role.
 */
export type RecordTarget = Exclude<CustomFieldTarget, "ticket">;

/** A field of a person or an organization as the desk shows it: the same view as a ticket's, so the desk's field controls take either. */
export type RecordFieldView = TicketFieldView;

const missing: Record<RecordTarget, string> = {
  user: "This person does not exist.",
  organization: "This organization does not exist.",
};

/** The record's values, locked until the transaction's write (two agents' saves apply one after the other). */
async function lockedValues(tx: DbOrTx, target: RecordTarget, id: string): Promise<CustomFieldValues> {
  const [row] =
    target === "user"
      ? await tx.select({ customValues: users.customValues }).from(users).where(eq(users.id, id)).for("update")
      : await tx.select({ customValues: organizations.customValues }).from(organizations).where(eq(organizations.id, id)).for("update");
  if (!row) throw new AppError("NOT_FOUND", missing[target]);
  return row.customValues;
}

async function storeValues(db: DbOrTx, target: RecordTarget, id: string, values: CustomFieldValues): Promise<void> {
  if (target === "user") await db.update(users).set({ customValues: values, updatedAt: new Date() }).where(eq(users.id, id));
  else await db.update(organizations).set({ customValues: values }).where(eq(organizations.id, id));
}

/** Every field the viewer may see, of values already read: active ones to fill in, retired ones that hold a value (read-only). */
export function fieldViewsOf(fields: readonly FieldDefinition[], values: CustomFieldValues, viewer: Pick<SessionUser, "role">): RecordFieldView[] {
  return ticketFieldViews(fields, values, viewer, { editable: true });
}

/**
 * Changes the named fields (by key, or id; null clears one) and keeps the
 * others. Any invalid value refuses the whole input, naming each field at
 * fault (customFields.<key>), and nothing is stored. Runs in the caller's
 * transaction when given one, so a REST PATCH changes all of a record or none.
 */
export async function setRecordCustomValues(
  db: DbOrTx,
  viewer: Pick<SessionUser, "role">,
  target: RecordTarget,
  id: string,
  input: Readonly<Record<string, unknown>>,
): Promise<RecordFieldView[]> {
  return db.transaction(async (tx) => {
    const current = await lockedValues(tx, target, id);
    const fields = await listFieldDefinitions(tx, target);
    const { values, changes } = validateCustomValues(fields, input, { viewer, current });
    if (changes.length > 0) await storeValues(tx, target, id, values);
    return fieldViewsOf(fields, values, viewer);
  });
}

/** Records' values by field key, as the REST API carries them (only the fields the viewer may see), by record id. */
export async function customValuesByKeyOf(
  db: DbOrTx,
  viewer: Pick<SessionUser, "role">,
  target: RecordTarget,
  ids: readonly string[],
): Promise<Map<string, Record<string, CustomFieldValue>>> {
  if (ids.length === 0) return new Map();
  const [fields, rows] = await Promise.all([
    listFieldDefinitions(db, target),
    target === "user"
      ? db.select({ id: users.id, customValues: users.customValues }).from(users).where(inArray(users.id, [...ids]))
      : db.select({ id: organizations.id, customValues: organizations.customValues }).from(organizations).where(inArray(organizations.id, [...ids])),
  ]);
  return new Map(rows.map((row) => [row.id, customValuesByKey(fields, row.customValues, viewer)]));
}

/** A person with their fields, as the desk's person page and a ticket's requester panel show them. */
export async function userWithFields(db: DbOrTx, viewer: Pick<SessionUser, "role">, userId: string) {
  const [row] = await db.select({ id: users.id, name: users.name, email: users.email, role: users.role, customValues: users.customValues }).from(users).where(eq(users.id, userId));
  if (!row) throw new AppError("NOT_FOUND", missing.user);
  const { customValues, ...person } = row;
  return { ...person, fields: fieldViewsOf(await listFieldDefinitions(db, "user"), customValues, viewer) };
}

/** An organization with its fields, as a ticket's requester panel shows them. */
export async function organizationWithFields(db: DbOrTx, viewer: Pick<SessionUser, "role">, organizationId: string) {
  const [row] = await db.select({ id: organizations.id, name: organizations.name, customValues: organizations.customValues }).from(organizations).where(eq(organizations.id, organizationId));
  if (!row) throw new AppError("NOT_FOUND", missing.organization);
  const { customValues, ...organization } = row;
  return { ...organization, fields: fieldViewsOf(await listFieldDefinitions(db, "organization"), customValues, viewer) };
}
