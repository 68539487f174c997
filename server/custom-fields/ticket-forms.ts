import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { categories, customFields, ticketFormFields } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import type { CustomFieldOption, CustomFieldType } from "@/lib/custom-field-vocabulary";
import { AppError } from "@/server/errors";
import { fieldDefinitionColumns, type FieldDefinition } from "./field-definitions";

/**
 * Ticket forms: which ticket fields the portal asks for in each category, in
 * order. A form only ever shows active fields that customers may see, so
 * retiring a field or making it agent-only takes it off every form at once.
 */

/** The fields a category's portal form shows, in form order. */
export async function ticketFormFor(db: DbOrTx, categoryId: string): Promise<FieldDefinition[]> {
  return db
    .select(fieldDefinitionColumns)
    .from(ticketFormFields)
    .innerJoin(customFields, eq(customFields.id, ticketFormFields.fieldId))
    .where(and(eq(ticketFormFields.categoryId, categoryId), eq(customFields.active, true), eq(customFields.agentOnly, false), eq(customFields.target, "ticket")))
    .orderBy(asc(ticketFormFields.position), asc(customFields.position), asc(customFields.id));
}

/** A form field as the portal renders it: nothing an agent-only rule or a retired option would hide. */
export interface PortalFormField {
  id: number;
  key: string;
  label: string;
  helpText: string;
  type: CustomFieldType;
  options: Pick<CustomFieldOption, "value" | "label">[];
  required: boolean;
}

export function toPortalFormField(field: FieldDefinition): PortalFormField {
  return {
    id: field.id,
    key: field.key,
    label: field.label,
    helpText: field.helpText,
    type: field.type,
    options: field.options.filter((option) => option.active).map(({ value, label }) => ({ value, label })),
    required: field.requiredForCustomers,
  };
}

/** Every active category's portal form, by category id (categories without fields are left out). */
export async function portalTicketForms(db: DbOrTx): Promise<Record<string, PortalFormField[]>> {
  const rows = await db
    .select({ categoryId: ticketFormFields.categoryId, field: fieldDefinitionColumns })
    .from(ticketFormFields)
    .innerJoin(customFields, eq(customFields.id, ticketFormFields.fieldId))
    .innerJoin(categories, eq(categories.id, ticketFormFields.categoryId))
    .where(and(isNull(categories.archivedAt), eq(customFields.active, true), eq(customFields.agentOnly, false), eq(customFields.target, "ticket")))
    .orderBy(asc(ticketFormFields.position), asc(customFields.position), asc(customFields.id));
  const forms: Record<string, PortalFormField[]> = {};
  for (const row of rows) (forms[row.categoryId] ??= []).push(toPortalFormField(row.field));
  return forms;
}

/** Every category's form as admins edit it: field ids in order, by category id. */
export async function ticketFormLayouts(db: DbOrTx): Promise<Record<string, number[]>> {
  const rows = await db.select().from(ticketFormFields).orderBy(asc(ticketFormFields.position), asc(ticketFormFields.fieldId));
  const layouts: Record<string, number[]> = {};
  for (const row of rows) (layouts[row.categoryId] ??= []).push(row.fieldId);
  return layouts;
}

/**
 * Replaces a category's form with these ticket fields, in this order.
 * Agent-only fields have no place on a customer's form and are refused.
 */
export async function setTicketForm(db: DbOrTx, input: { categoryId: string; fieldIds: number[] }): Promise<{ fieldIds: number[] }> {
  const fieldIds = [...new Set(input.fieldIds)];
  return db.transaction(async (tx) => {
    const [category] = await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, input.categoryId)).for("update");
    if (!category) throw new AppError("NOT_FOUND", "That category does not exist. Reload the page.");
    const fields = fieldIds.length ? await tx.select(fieldDefinitionColumns).from(customFields).where(inArray(customFields.id, fieldIds)) : [];
    const byId = new Map(fields.map((field) => [field.id, field]));
    for (const id of fieldIds) {
      const field = byId.get(id);
      if (!field || field.target !== "ticket") throw new AppError("INVALID", "Only ticket fields go on a ticket form. Reload the page.", { fieldErrors: { fieldIds: ["Only ticket fields go on a ticket form."] } });
      if (field.agentOnly) {
        throw new AppError("INVALID", `${field.label} is for agents only, so customers never see it on a form.`, { fieldErrors: { fieldIds: [`${field.label} is for agents only.`] } });
      }
    }
    await tx.delete(ticketFormFields).where(eq(ticketFormFields.categoryId, input.categoryId));
    if (fieldIds.length) await tx.insert(ticketFormFields).values(fieldIds.map((fieldId, position) => ({ categoryId: input.categoryId, fieldId, position })));
    return { fieldIds };
  });
}
