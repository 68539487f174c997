import "server-only";
import { headers } from "next/headers";
import { unstable_rethrow } from "next/navigation";
import { getSessionUser } from "./auth/session";
import { clientAddress } from "./client-address";
import { getDb } from "./db";
import type { Context } from "./trpc";

/**
 * The context of a real request: the app's database, the signed-in user and,
 * for requests over HTTP, the client's address (public procedures rate-limit by it).
 */
export async function createRequestContext(options?: { req: Request }): Promise<Context> {
  const user = await getSessionUser();
  const request = options?.req ?? (await currentRequest());
  return { db: await getDb(), user, clientAddress: request ? clientAddress(request) : null };
}

/** In a server action or server component, the request's headers (where the socket address is recorded); null outside a request. */
async function currentRequest(): Promise<Request | null> {
  try {
    return new Request("http://localhost/", { headers: await headers() });
  } catch (error) {
    // Next.js signals dynamic rendering by throwing from headers(): that must go through.
    unstable_rethrow(error);
    return null;
  }
}
