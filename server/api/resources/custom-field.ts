import "server-only";
import { z } from "zod";
import { customFieldTargets, customFieldTypes } from "@/lib/custom-field-vocabulary";
import type { FieldDefinition } from "@/server/custom-fields/field-definitions";

/** A custom field's definition, as GET /custom-fields lists it: what a ticket's custom_fields keys mean and accept. */
export const customFieldResource = z
  .object({
    id: z.number().int(),
    target: z.enum(customFieldTargets).meta({ description: "What the field describes: tickets, users or organizations." }),
    key: z.string().meta({ description: "The name of the field in custom_fields; never changes." }),
    label: z.string(),
    help_text: z.string(),
    type: z.enum(customFieldTypes),
    options: z
      .array(z.object({ value: z.string(), label: z.string(), active: z.boolean() }))
      .meta({ description: "Drop-down and multi-select choices: send the value. An inactive option is no longer accepted, but values that hold it keep it." }),
    position: z.number().int(),
    active: z.boolean().meta({ description: "An inactive field takes no new value; values it holds stay and still read." }),
    required_for_customers: z.boolean().meta({ description: "Customers must fill it in when they open a ticket in a category whose form shows it." }),
    required_on_solve: z.boolean().meta({ description: "A ticket cannot be solved while it is empty." }),
    agent_only: z.boolean().meta({ description: "Never shown to customers, nor accepted from them." }),
    category_ids: z.array(z.uuid()).meta({ description: "The categories whose portal form shows the field, for ticket fields." }),
  })
  .meta({ id: "CustomField" });

export type CustomFieldResource = z.infer<typeof customFieldResource>;

export function toCustomFieldResource(field: FieldDefinition, categoryIds: string[]): CustomFieldResource {
  return {
    id: field.id,
    target: field.target,
    key: field.key,
    label: field.label,
    help_text: field.helpText,
    type: field.type,
    options: field.options,
    position: field.position,
    active: field.active,
    required_for_customers: field.requiredForCustomers,
    required_on_solve: field.requiredOnSolve,
    agent_only: field.agentOnly,
    category_ids: categoryIds,
  };
}
