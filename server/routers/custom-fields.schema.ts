import "server-only";
import { z } from "zod";
import { customFieldKeyPattern, customFieldTargets, customFieldTypes } from "@/lib/custom-field-vocabulary";
import { TEXTAREA_MAX } from "@/server/custom-fields/validate-values";

/** Inputs of the custom-field procedures. Messages are written for the admin form that shows them. */

const fieldId = z.number().int().positive().max(2_147_483_647);

const option = z.object({
  value: z.string().max(60).optional(),
  label: z.string().trim().min(1, "Give every option a label.").max(80, "Keep option labels under 80 characters."),
  active: z.boolean().default(true),
});

const settings = {
  label: z.string().trim().min(1, "Name the field.").max(80, "Keep the label under 80 characters."),
  helpText: z.string().trim().max(300, "Keep the help text under 300 characters.").default(""),
  options: z.array(option).max(200, "Use at most 200 options.").default([]),
  position: z.number({ error: "Enter the position as a whole number." }).int("Enter the position as a whole number.").min(0).max(100_000).optional(),
  requiredForCustomers: z.boolean().default(false),
  requiredOnSolve: z.boolean().default(false),
  agentOnly: z.boolean().default(false),
};

export const createFieldInput = z.object({
  target: z.enum(customFieldTargets, "Choose what the field describes."),
  key: z
    .string()
    .trim()
    .regex(customFieldKeyPattern, "Use lowercase letters, digits and _, starting with a letter (at most 40)."),
  type: z.enum(customFieldTypes, "Choose a type."),
  ...settings,
});

export const updateFieldInput = z.object({ id: fieldId, ...settings });
export const setFieldActiveInput = z.object({ id: fieldId, active: z.boolean() });
export const setTicketFormInput = z.object({
  categoryId: z.uuid("Reload the page and try again."),
  fieldIds: z.array(fieldId).max(50, "Put at most 50 fields on one form."),
});

/**
 * Custom values as every door sends them: by field key (or id), a value of
 * the field's type, or null to clear it. The types themselves are checked
 * against each field's definition (server/custom-fields/validate-values.ts).
 */
export const customValuesInput = z
  .record(
    z.string().min(1).max(60),
    z.union([z.string().max(TEXTAREA_MAX + 100), z.number(), z.boolean(), z.array(z.string().max(100)).max(200), z.null()]),
  )
  .refine((values) => Object.keys(values).length <= 100, "Send at most 100 fields at once.");
