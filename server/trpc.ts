/**
 * tRPC's one init module: the request context, the error formatter and the
 * procedure builders. Each builder carries a role and narrows `ctx.user`, so
 * no procedure checks roles by hand and none needs a non-null assertion.
 */
import "server-only";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { Db } from "@/db/types";
import type { UserRole } from "@/db/schema";
import { TRPC_MAX_BATCH_SIZE } from "@/lib/trpc-batch";
import { AppError, appErrorTable, inputFailureOf, UNEXPECTED_ERROR_MESSAGE } from "./errors";
import { nulByteError } from "./nul-bytes";
import { hasRole, type SessionUser, type StaffRole } from "./users/session-user";

export interface Context {
  db: Db;
  user: SessionUser | null;
  /** Where an HTTP request came from, when known (server components and tests have none). */
  clientAddress?: string | null;
}

const BATCH_TOO_LARGE_MESSAGE = `One request may carry at most ${TRPC_MAX_BATCH_SIZE} calls. Send them in smaller batches.`;

/** tRPC's own refusal of a batch over maxBatchSize (server/trpc-http.ts), which names no limit. */
function batchTooLarge(error: TRPCError): boolean {
  return error.code === "BAD_REQUEST" && error.message === "Batch call exceeds maximum size";
}

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    // Anything unexpected (SQL errors, bugs) reaches the client as a generic
    // message with no stack; the server log keeps the details.
    const unexpected = error.code === "INTERNAL_SERVER_ERROR";
    const input = unexpected ? null : inputFailureOf(error.cause);
    return {
      ...shape,
      message: unexpected ? UNEXPECTED_ERROR_MESSAGE : batchTooLarge(error) ? BATCH_TOO_LARGE_MESSAGE : (input?.message ?? shape.message),
      data: { ...shape.data, stack: undefined, fieldErrors: input?.fieldErrors ?? null },
    };
  },
});

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

/** Turns an AppError thrown anywhere below into the matching tRPC error. */
const appErrorMapping = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    const appError = result.error.cause;
    throw new TRPCError({ code: appErrorTable[appError.code].trpc, message: appError.message, cause: appError });
  }
  return result;
});

/**
 * Refuses a NUL byte anywhere in the raw input, before any schema or query
 * sees it (PostgreSQL cannot store one). It sits on the base procedure every
 * builder below starts from, so no procedure can be added without it.
 */
const nulByteRefusal = t.middleware(async ({ getRawInput, next }) => {
  const error = nulByteError(await getRawInput());
  if (error) throw error;
  return next();
});

export const publicProcedure = t.procedure.use(appErrorMapping).use(nulByteRefusal);

function requireRole<TRole extends UserRole>(role: UserRole) {
  return t.middleware(({ ctx, next }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Please sign in to continue." });
    if (!hasRole(ctx.user, role)) {
      throw new TRPCError({ code: "FORBIDDEN", message: "You do not have access to this." });
    }
    // hasRole has just proven the narrower role type.
    return next({ ctx: { ...ctx, user: ctx.user as SessionUser & { role: TRole } } });
  });
}

/** Any signed-in person; record-level scoping decides what they see. */
export const customerProcedure = publicProcedure.use(requireRole<UserRole>("customer"));
export const agentProcedure = publicProcedure.use(requireRole<StaffRole>("agent"));
export const managerProcedure = publicProcedure.use(requireRole<"manager" | "admin">("manager"));
export const adminProcedure = publicProcedure.use(requireRole<"admin">("admin"));
