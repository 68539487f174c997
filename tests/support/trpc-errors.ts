import { TRPCError } from "@trpc/server";

/** The tRPC error a call fails with, or null when it succeeds. */
export async function errorOf(promise: Promise<unknown>): Promise<TRPCError | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
}

/** The tRPC error code a call fails with, or "OK". */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  return (await errorOf(promise))?.code ?? "OK";
}
