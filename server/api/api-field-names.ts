import "server-only";
import { AppError, isAppError } from "@/server/errors";

/**
 * Domain modules name fields as their inputs do (organizationId,
 * customFields.order_number); the API's fields are snake_case
 * (organization_id, custom_fields.order_number). Only the name before the
 * first dot is renamed: what follows is a custom field's key (or whatever
 * key the caller sent), which is the caller's own spelling.
 */
export const apiFieldName = (field: string) => field.replace(/^[^.]+/, (name) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`));

/** Runs domain work, renaming the fields of its field errors as the API names them. */
export async function withApiFieldNames<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!isAppError(error) || !error.fieldErrors) throw error;
    const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [apiFieldName(field), messages]));
    throw new AppError(error.code, error.message, { fieldErrors });
  }
}
