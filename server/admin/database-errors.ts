/**
 * Recognises constraint violations behind Drizzle's query error on either
 * driver (PGlite and postgres-js both expose the SQLSTATE as `code`), so a
 * race that slips past a friendly pre-check still becomes a clear AppError.
 */
import "server-only";
import type { AppError } from "@/server/errors";

const uniqueViolation = "23505";

export function isUniqueViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    if ((current as { code?: unknown }).code === uniqueViolation) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Runs a write, turning a unique violation (a race past the pre-check) into the given conflict. */
export async function withUniqueConflict<T>(write: () => Promise<T>, conflict: () => AppError): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}
