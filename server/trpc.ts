/**
 * tRPC's one init module: the request context, the error formatter and the
 * procedure builders. Each builder carries a role and narrows `ctx.user`, so
 * no procedure checks roles by hand and none needs a non-null assertion.
 */
import { initTRPC, TRPCError, type TRPC_ERROR_CODE_KEY } from "@trpc/server";
import superjson from "superjson";
import { ZodError, z } from "zod";
import type { Db } from "@/db/types";
import type { UserRole } from "@/db/schema";
import { AppError, type AppErrorCode } from "./errors";
import { hasRole, type SessionUser, type StaffRole } from "./users/session-user";

export interface Context {
  db: Db;
  user: SessionUser | null;
  /** Where an HTTP request came from, when known (server components and tests have none). */
  clientAddress?: string | null;
}

const trpcCodeFor: Record<AppErrorCode, TRPC_ERROR_CODE_KEY> = {
  NOT_FOUND: "NOT_FOUND",
  FORBIDDEN: "FORBIDDEN",
  UNAUTHORIZED: "UNAUTHORIZED",
  CONFLICT: "CONFLICT",
  INVALID: "BAD_REQUEST",
  RATE_LIMITED: "TOO_MANY_REQUESTS",
};

const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter({ shape, error }) {
    const fieldErrors: Record<string, string[] | undefined> | null =
      error.cause instanceof ZodError ? z.flattenError(error.cause).fieldErrors : null;
    // Anything unexpected (SQL errors, bugs) reaches the client as a generic
    // message with no stack; the server log keeps the details.
    const unexpected = error.code === "INTERNAL_SERVER_ERROR";
    const data = { ...shape.data, stack: undefined };
    return {
      ...shape,
      message: unexpected
        ? "Something went wrong on our side. Please try again."
        : fieldErrors
          ? "Some fields need attention."
          : shape.message,
      data: { ...data, fieldErrors },
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
    throw new TRPCError({ code: trpcCodeFor[appError.code], message: appError.message, cause: appError });
  }
  return result;
});

export const publicProcedure = t.procedure.use(appErrorMapping);

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
