import { getSessionUser } from "./auth/session";
import { getDb } from "./db";
import type { Context } from "./trpc";

/** The context of a real request: the app's database and the signed-in user. */
export async function createRequestContext(): Promise<Context> {
  return { db: await getDb(), user: await getSessionUser() };
}
