import "server-only";
import { isStaff, type SessionUser } from "@/server/users/session-user";
import type { FieldDefinition } from "./field-definitions";

/**
 * THE rule of who sees a custom field: staff see every field; customers
 * never see, nor set, an agent-only one (not its definition, not its value).
 * Every door that shows or accepts custom fields (portal form and page,
 * tRPC, REST, emails) filters through this one function.
 */
export function mayUseField(viewer: Pick<SessionUser, "role">, field: Pick<FieldDefinition, "agentOnly">): boolean {
  return isStaff(viewer) || !field.agentOnly;
}

/** The fields a viewer may see, in the order given. */
export function fieldsVisibleTo<T extends Pick<FieldDefinition, "agentOnly">>(viewer: Pick<SessionUser, "role">, fields: readonly T[]): T[] {
  return fields.filter((field) => mayUseField(viewer, field));
}
