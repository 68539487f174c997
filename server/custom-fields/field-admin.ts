import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { customFields, ticketFormFields } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { optionFieldTypes, type CustomFieldOption, type CustomFieldTarget, type CustomFieldType } from "@/lib/custom-field-vocabulary";
import { withUniqueConflict } from "@/server/admin/database-errors";
import { AppError } from "@/server/errors";
import { fieldDefinitionColumns, type FieldDefinition } from "./field-definitions";

/**
 * Admins define fields. Nothing here deletes a field or an option: values
 * are stored by field id and option value on the records themselves, so a
 * field is retired (inactive) and an option deactivated, and both keep
 * reading on the records that hold them. The key and the type are fixed at
 * creation: integrations name fields by key, and stored values were checked
 * against the type.
 */

/** An option as the admin form sends it: `value` is absent for a new one (made from its label). */
export interface OptionInput {
  value?: string;
  label: string;
  active: boolean;
}

interface FieldSettings {
  label: string;
  helpText: string;
  options: OptionInput[];
  position?: number;
  requiredForCustomers: boolean;
  requiredOnSolve: boolean;
  agentOnly: boolean;
}

export interface NewField extends FieldSettings {
  target: CustomFieldTarget;
  key: string;
  type: CustomFieldType;
}

const optionsError = (message: string) => new AppError("INVALID", message, { fieldErrors: { options: [message] } });

/** A stored option value made from a label ("Windows 11" → "windows_11"), unique among `taken`. */
function optionValueOf(label: string, taken: Set<string>): string {
  const base = label.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 40) || "option";
  let value = base;
  for (let n = 2; taken.has(value); n++) value = `${base}_${n}`;
  return value;
}

/**
 * The option list after an edit: existing values keep their place in the
 * stored data (never dropped: deactivate instead), new ones get a value.
 */
function mergeOptions(type: CustomFieldType, existing: readonly CustomFieldOption[], input: readonly OptionInput[]): CustomFieldOption[] {
  if (!optionFieldTypes.includes(type)) return [];
  const known = new Set(existing.map((option) => option.value));
  const taken = new Set(known);
  const options: CustomFieldOption[] = [];
  for (const option of input) {
    const label = option.label.trim();
    if (!label) throw optionsError("Give every option a label.");
    if (option.value !== undefined && !known.has(option.value)) throw optionsError("An option changed while you edited. Reload the page.");
    const value = option.value ?? optionValueOf(label, taken);
    taken.add(value);
    options.push({ value, label, active: option.active });
  }
  const labels = options.map((option) => option.label.toLowerCase());
  const twice = labels.find((label, index) => labels.indexOf(label) !== index);
  if (twice) throw optionsError(`Two options are called “${options[labels.indexOf(twice)]?.label}”.`);
  const dropped = existing.filter((option) => !options.some((kept) => kept.value === option.value));
  if (dropped.length) throw optionsError(`Options are never removed, since tickets may hold them: deactivate “${dropped[0]?.label}” instead.`);
  if (!options.some((option) => option.active)) throw optionsError("Offer at least one active option.");
  return options;
}

/** Rules across flags: the required-of-customers flag is for ticket fields customers can see. */
function checkedFlags(target: CustomFieldTarget, settings: FieldSettings) {
  const ticket = target === "ticket";
  if (settings.agentOnly && settings.requiredForCustomers && ticket) {
    const message = "Customers never see an agent-only field, so it cannot be required of them.";
    throw new AppError("INVALID", message, { fieldErrors: { requiredForCustomers: [message] } });
  }
  return {
    requiredForCustomers: ticket && settings.requiredForCustomers,
    requiredOnSolve: ticket && settings.requiredOnSolve,
    agentOnly: settings.agentOnly,
  };
}

const keyTaken = (target: CustomFieldTarget) =>
  new AppError("CONFLICT", `A ${target} field already has this key.`, { fieldErrors: { key: ["Another field already has this key. Keys are unique."] } });

export async function createField(db: DbOrTx, input: NewField): Promise<FieldDefinition> {
  const options = mergeOptions(input.type, [], input.options);
  const [last] = await db
    .select({ position: sql<number>`coalesce(max(${customFields.position}), 0)` })
    .from(customFields)
    .where(eq(customFields.target, input.target));
  return withUniqueConflict(
    async () =>
      single(
        await db
          .insert(customFields)
          .values({
            target: input.target,
            key: input.key,
            type: input.type,
            label: input.label,
            helpText: input.helpText,
            options,
            position: input.position ?? (last?.position ?? 0) + 1,
            ...checkedFlags(input.target, input),
          })
          .returning(fieldDefinitionColumns),
        "custom field",
      ),
    () => keyTaken(input.target),
  );
}

export async function updateField(db: DbOrTx, input: FieldSettings & { id: number }): Promise<FieldDefinition> {
  return db.transaction(async (tx) => {
    const [field] = await tx.select(fieldDefinitionColumns).from(customFields).where(eq(customFields.id, input.id)).for("update");
    if (!field) throw new AppError("NOT_FOUND", "That field does not exist. Reload the page.");
    const flags = checkedFlags(field.target, input);
    const updated = single(
      await tx
        .update(customFields)
        .set({
          label: input.label,
          helpText: input.helpText,
          options: mergeOptions(field.type, field.options, input.options),
          position: input.position ?? field.position,
          ...flags,
          updatedAt: new Date(),
        })
        .where(eq(customFields.id, input.id))
        .returning(fieldDefinitionColumns),
      "custom field",
    );
    // Customers never see an agent-only field: it leaves every form.
    if (flags.agentOnly && !field.agentOnly) await tx.delete(ticketFormFields).where(eq(ticketFormFields.fieldId, field.id));
    return updated;
  });
}

/**
 * Retires a field (no longer offered, nor required, anywhere; values stay
 * and still show to agents) or brings it back. It keeps its forms' places.
 */
export async function setFieldActive(db: DbOrTx, input: { id: number; active: boolean }): Promise<FieldDefinition> {
  const [row] = await db
    .update(customFields)
    .set({ active: input.active, updatedAt: new Date() })
    .where(and(eq(customFields.id, input.id)))
    .returning(fieldDefinitionColumns);
  if (!row) throw new AppError("NOT_FOUND", "That field does not exist. Reload the page.");
  return row;
}
