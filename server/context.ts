import { getSessionUser } from "./auth/session";
import { clientAddress } from "./client-address";
import { getDb } from "./db";
import type { Context } from "./trpc";

/**
 * The context of a real request: the app's database, the signed-in user and,
 * for requests over HTTP, the client's address (public procedures rate-limit by it).
 */
export async function createRequestContext(options?: { req: Request }): Promise<Context> {
  return { db: await getDb(), user: await getSessionUser(), clientAddress: options ? clientAddress(options.req) : null };
}
