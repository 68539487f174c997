import "server-only";
import { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { ZodError } from "zod";
import { appErrorTable, inputFailureOf, isAppError, UNEXPECTED_ERROR_MESSAGE, type AppErrorCode, type FieldErrors } from "./errors";

/**
 * Expected failures at the doors outside tRPC's HTTP handler: route handlers
 * (app/api/**) answer them as JSON, server actions return them as form state.
 * Both read the one table and the one field-error helper of server/errors.ts,
 * as tRPC's error formatter does, so a code means the same status everywhere.
 */
export interface ExpectedFailure {
  status: number;
  /** The AppError code the failure amounts to (a zod failure is INVALID). */
  code: AppErrorCode;
  message: string;
  fieldErrors: FieldErrors | null;
}

/** Which table column a door answers with: the app's route handlers, or the REST API. */
export type ErrorDoor = "status" | "api";

const codeOfTrpc = new Map(Object.entries(appErrorTable).map(([code, row]) => [row.trpc as string, code as AppErrorCode]));

/**
 * What an expected failure says: an AppError, a zod failure, or a tRPC error
 * from an in-process call (which wraps either). Null for anything else
 * (bugs, database errors, Next.js redirects), which the caller rethrows or
 * logs, never shows.
 */
export function expectedFailureOf(error: unknown, door: ErrorDoor = "status"): ExpectedFailure | null {
  let code: AppErrorCode | undefined;
  if (isAppError(error)) code = error.code;
  else if (error instanceof ZodError) code = "INVALID";
  else if (error instanceof TRPCError && error.code !== "INTERNAL_SERVER_ERROR") code = isAppError(error.cause) ? error.cause.code : codeOfTrpc.get(error.code);
  if (!code) {
    if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") return null;
    // A tRPC code with no AppError of its own (a batch or method refusal): its HTTP status as tRPC says.
    return { status: getHTTPStatusCodeFromError(error), code: "INVALID", message: error.message, fieldErrors: null };
  }
  const input = inputFailureOf(error);
  return { status: appErrorTable[code][door], code, message: input?.message ?? (error as Error).message, fieldErrors: input?.fieldErrors ?? null };
}

/** A JSON error body, `{ error, fieldErrors? }`, never cached. */
export function jsonError(status: number, message: string, fieldErrors?: FieldErrors | null): Response {
  return Response.json(fieldErrors ? { error: message, fieldErrors } : { error: message }, { status, headers: { "Cache-Control": "no-store" } });
}

/** A route handler's answer to whatever it caught: the failure's own status and message, or a logged 500 with a generic message. */
export function errorResponse(error: unknown, what: string): Response {
  const failure = expectedFailureOf(error);
  if (failure) return jsonError(failure.status, failure.message, failure.fieldErrors);
  console.error(`${what} failed:`, error);
  return jsonError(500, UNEXPECTED_ERROR_MESSAGE);
}

/**
 * A server action's form state for what it caught: field errors when fields
 * are at fault, otherwise the message. Anything unexpected is rethrown, and
 * so are Next.js redirects, which actions signal by throwing.
 */
export function formStateFor(error: unknown): { error?: string; fieldErrors?: FieldErrors } {
  const failure = expectedFailureOf(error);
  if (!failure) throw error;
  return failure.fieldErrors ? { fieldErrors: failure.fieldErrors } : { error: failure.message };
}
