import "server-only";
import crypto from "node:crypto";
import { and, eq, isNull } from "drizzle-orm";
import type { EmailConfig } from "next-auth/providers/email";
import { users } from "@/db/schema";
import type { Db } from "@/db/types";
import { enqueueEmail } from "@/server/email/outbox";
import { clientAddress } from "@/server/client-address";
import { env } from "@/server/env";
import { consumeRateLimit } from "@/server/rate-limit";
import { confirmEmailAddress } from "@/server/users/organization-membership";

export const EMAIL_LINK_PROVIDER = "email-link";
const LINK_MINUTES = 15;

/** The id of the account that may sign in with this address, if any. */
async function activeAccountId(db: Db, email: string): Promise<string | null> {
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), isNull(users.disabledAt)))
    .limit(1);
  return user?.id ?? null;
}

/** Whether this address belongs to an account that may sign in. */
export async function canSignInByEmail(db: Db, email: string): Promise<boolean> {
  return (await activeAccountId(db, email)) !== null;
}

/**
 * A sign-in link came back (Auth.js has already used up its token): whether
 * the account may sign in, and if so its address is now proven, which is
 * what a pending organization membership waits for under "verified_email".
 */
export async function acceptEmailLinkSignIn(db: Db, email: string): Promise<boolean> {
  const id = await activeAccountId(db, email);
  if (!id) return false;
  // A password chosen at a sign-up nobody confirmed may be a stranger's, set
  // before the owner ever came: proving the address must not also prove it.
  await db.update(users).set({ passwordHash: null }).where(and(eq(users.id, id), isNull(users.emailVerified)));
  await confirmEmailAddress(db, id);
  return true;
}

/**
 * Link requests are limited per (email, client address) pair and per client
 * address, so a stranger asking for many links to someone's address spends
 * only their own budget; a higher per-email cap brakes mail bombing.
 */
export async function consumeEmailLinkLimits(db: Db, email: string, address: string | null): Promise<void> {
  const from = address ?? "unknown";
  await consumeRateLimit(db, "emailLinkPerAddress", from);
  await consumeRateLimit(db, "emailLinkPerEmailAndAddress", `${email}|${from}`);
  await consumeRateLimit(db, "emailLinkPerEmail", email);
}

/**
 * Auth.js builds the link on the host the request named (Host or
 * X-Forwarded-Host, which any client can send), so a stranger could have the
 * owner mailed a link to their own server and replay the token it carries.
 * The link is always rebuilt on APP_URL.
 */
export function onAppUrl(authLink: string): string {
  const { pathname, search } = new URL(authLink);
  return new URL(`${pathname}${search}`, env.APP_URL).toString();
}

/**
 * Sends an Auth.js sign-in link through the outbox, like any other email:
 * through Resend when configured, otherwise to the local mailbox page.
 * Links to unknown or disabled accounts are never sent, but the person sees
 * the same "check your email" page, so the form does not reveal who has an account.
 */
export function emailLinkProvider(getDb: () => Promise<Db>): EmailConfig {
  return {
    id: EMAIL_LINK_PROVIDER,
    type: "email",
    name: "Email link",
    maxAge: LINK_MINUTES * 60,
    normalizeIdentifier: (identifier) => identifier.trim().toLowerCase(),
    async sendVerificationRequest({ identifier, url, request }) {
      const db = await getDb();
      await consumeEmailLinkLimits(db, identifier, clientAddress(request));
      if (!(await canSignInByEmail(db, identifier))) return;
      const link = onAppUrl(url);
      await enqueueEmail(db, {
        template: "sign-in-link",
        props: { url: link, host: new URL(link).host, expiresInMinutes: LINK_MINUTES },
        to: identifier,
        idempotencyKey: `sign-in:${crypto.createHash("sha256").update(link).digest("hex")}`,
      });
    },
  };
}
