import "server-only";
import type { TRPC_ERROR_CODE_KEY } from "@trpc/server";
import { z, ZodError } from "zod";

/**
 * The one error type for expected failures, the one table that says what each
 * of its codes is called at every door (tRPC code for procedures, HTTP status
 * for route handlers), and the one shape of field errors (zod issues → field
 * name → messages) that forms read, whichever door they went through.
 * Messages are written for the person using the app.
 */
export const appErrorCodes = ["NOT_FOUND", "FORBIDDEN", "UNAUTHORIZED", "CONFLICT", "INVALID", "RATE_LIMITED"] as const;
export type AppErrorCode = (typeof appErrorCodes)[number];

/**
 * `status` is what the app's own route handlers answer; `api` is the REST
 * API's (/api/v1), where input that parses but breaks a rule is 422
 * Unprocessable Content, as API clients expect, and 400 is kept for bodies
 * that do not parse at all.
 */
export const appErrorTable = {
  NOT_FOUND: { trpc: "NOT_FOUND", status: 404, api: 404 },
  FORBIDDEN: { trpc: "FORBIDDEN", status: 403, api: 403 },
  UNAUTHORIZED: { trpc: "UNAUTHORIZED", status: 401, api: 401 },
  CONFLICT: { trpc: "CONFLICT", status: 409, api: 409 },
  INVALID: { trpc: "BAD_REQUEST", status: 400, api: 422 },
  RATE_LIMITED: { trpc: "TOO_MANY_REQUESTS", status: 429, api: 429 },
} as const satisfies Record<AppErrorCode, { trpc: TRPC_ERROR_CODE_KEY; status: number; api: number }>;

/** Field name → what is wrong with it; the shape of z.flattenError's fieldErrors. */
export type FieldErrors = Record<string, string[] | undefined>;

/** The message of a failure that comes with field errors (each field says what is wrong). */
export const FIELD_ERRORS_MESSAGE = "Some fields need attention.";
/** The only thing a client learns about an unexpected failure; the server log keeps the details. */
export const UNEXPECTED_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Set when the failure belongs to particular fields of the input. */
  readonly fieldErrors: FieldErrors | null;

  constructor(code: AppErrorCode, message: string, options: { fieldErrors?: FieldErrors } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.fieldErrors = options.fieldErrors ?? null;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

export interface InputFailure {
  message: string;
  /** Null when no particular field is at fault (a rule across fields). */
  fieldErrors: FieldErrors | null;
}

/**
 * What a failed input check says, found on the error or along its causes
 * (tRPC wraps both kinds): a zod failure names its fields, or gives its first
 * message when none is at fault; an AppError built with field errors keeps
 * its own message. Null for any other error.
 */
export function inputFailureOf(error: unknown): InputFailure | null {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error; depth++) {
    if (current instanceof ZodError) {
      const { fieldErrors, formErrors } = z.flattenError(current);
      if (Object.keys(fieldErrors).length > 0) return { message: FIELD_ERRORS_MESSAGE, fieldErrors };
      return { message: formErrors[0] ?? FIELD_ERRORS_MESSAGE, fieldErrors: null };
    }
    if (current instanceof AppError) return current.fieldErrors ? { message: current.message, fieldErrors: current.fieldErrors } : null;
    current = current.cause;
  }
  return null;
}
