import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import type { UserRole } from "@/db/schema";
import { getDb } from "@/server/db";
import { hasRole, loadActiveUser, type SessionUser } from "@/server/users/session-user";
import { auth } from "./index";
import { safeReturnPath } from "./return-path";

/** The signed-in user for this request, re-read from the database; null when signed out or disabled. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return loadActiveUser(await getDb(), id);
});

/**
 * For pages: the signed-in user with at least `role`, or a redirect (to sign
 * in, or to the portal when a customer wanders into the desk).
 */
export async function requireUser(role: UserRole = "customer"): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) {
    // Set by proxy.ts: where the person was going, to return there after signing in.
    const returnTo = safeReturnPath((await headers()).get("x-frontdesk-path"), { fallback: "" });
    redirect(returnTo ? `/signin?callbackUrl=${encodeURIComponent(returnTo)}` : "/signin");
  }
  if (!hasRole(user, role)) redirect(hasRole(user, "agent") ? "/desk?denied=1" : "/tickets?denied=1");
  return user;
}
