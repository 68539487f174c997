import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { tickets } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import type { CustomFieldValue } from "@/lib/custom-field-vocabulary";
import { AppError } from "@/server/errors";
import type { SessionUser } from "@/server/users/session-user";
import { listFieldDefinitions, type FieldDefinition } from "./field-definitions";
import { fieldsVisibleTo } from "./field-visibility";

/** A queue narrowed to tickets whose field holds a value, as the desk's URL and the REST API name it. */
export interface CustomFieldFilter {
  key: string;
  value: string;
}

const refused = (message: string) => new AppError("INVALID", message, { fieldErrors: { field: [message] } });

/** Tickets whose stored value contains this JSON: the GIN index on custom_values answers it. */
const holds = (field: FieldDefinition, value: CustomFieldValue) => sql`${tickets.customValues} @> ${JSON.stringify({ [field.id]: value })}::jsonb`;

/**
 * The condition for one field filter, inactive fields included (their values stay stored and
 * findable). Text fields match a part of the value, case-insensitively; the others match
 * exactly (a multi-select holds the option among others; a checkbox is "yes" or "no").
 * A field the viewer may not see is as unknown as one that does not exist.
 */
export async function customFieldCondition(db: DbOrTx, viewer: Pick<SessionUser, "role">, filter: CustomFieldFilter): Promise<SQL> {
  const field = fieldsVisibleTo(viewer, await listFieldDefinitions(db, "ticket")).find((candidate) => candidate.key === filter.key);
  if (!field) throw refused(`There is no ticket field "${filter.key}".`);
  const value = filter.value.trim();
  if (!value) throw refused(`Give a value to filter ${field.label} by.`);
  switch (field.type) {
    case "text":
    case "textarea":
      return sql`${tickets.customValues} ->> ${String(field.id)} ilike ${`%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`;
    case "number": {
      const number = Number(value);
      if (!Number.isFinite(number)) throw refused(`${field.label} is a number: filter by a number.`);
      return holds(field, number);
    }
    case "date":
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw refused(`${field.label} is a date: filter by YYYY-MM-DD.`);
      return holds(field, value);
    case "checkbox":
      if (value !== "yes" && value !== "no") throw refused(`${field.label} is a checkbox: filter by yes or no.`);
      return value === "yes" ? holds(field, true) : sql`not ${holds(field, true)}`;
    case "dropdown":
    case "multiselect": {
      const option = field.options.find((candidate) => candidate.value === value || candidate.label.toLowerCase() === value.toLowerCase());
      if (!option) throw refused(`${field.label} has no option "${value}".`);
      return holds(field, field.type === "dropdown" ? option.value : [option.value]);
    }
  }
}
