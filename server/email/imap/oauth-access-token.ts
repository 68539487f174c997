import "server-only";
import { eq } from "drizzle-orm";
import { mailboxes } from "@/db/schema";
import type { Db } from "@/db/types";
import { decryptSecret, encryptSecret } from "@/server/email/mailboxes/secrets";

/**
 * XOAUTH2 needs a short-lived access token; the mailbox row keeps the
 * long-lived refresh token (imapSecret) and the last access token, both
 * encrypted. A token that is missing or ends within a minute is exchanged
 * again (the standard refresh_token grant), so a connection never starts on
 * a token that dies during login. Providers that rotate refresh tokens
 * (Microsoft) send a new one: it replaces the old.
 */

const refreshMargin = 60_000;
const tokenRequestTimeout = 15_000;

export interface OAuthMailboxFields {
  id: string;
  imapSecret: string | null;
  oauthTokenUrl: string | null;
  oauthClientId: string | null;
  oauthClientSecret: string | null;
  oauthAccessToken: string | null;
  oauthAccessTokenExpiresAt: Date | null;
}

export class OAuthRefreshError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OAuthRefreshError";
  }
}

export async function imapAccessToken(db: Db, mailbox: OAuthMailboxFields, now = new Date()): Promise<string> {
  const expiresAt = mailbox.oauthAccessTokenExpiresAt?.getTime() ?? 0;
  if (mailbox.oauthAccessToken && expiresAt - now.getTime() > refreshMargin) return decryptSecret(mailbox.oauthAccessToken);
  return refreshAccessToken(db, mailbox, now);
}

/** Forgets the cached access token (the server refused it), so the next connection refreshes. */
export async function forgetAccessToken(db: Db, mailboxId: string): Promise<void> {
  await db.update(mailboxes).set({ oauthAccessToken: null, oauthAccessTokenExpiresAt: null }).where(eq(mailboxes.id, mailboxId));
}

async function refreshAccessToken(db: Db, mailbox: OAuthMailboxFields, now: Date): Promise<string> {
  if (!mailbox.oauthTokenUrl || !mailbox.oauthClientId || !mailbox.imapSecret) {
    throw new OAuthRefreshError("OAuth2 is not fully set up: the token URL, client ID and refresh token are all needed.");
  }
  const form = new URLSearchParams({ grant_type: "refresh_token", refresh_token: decryptSecret(mailbox.imapSecret), client_id: mailbox.oauthClientId });
  if (mailbox.oauthClientSecret) form.set("client_secret", decryptSecret(mailbox.oauthClientSecret));
  let response: Response;
  try {
    response = await fetch(mailbox.oauthTokenUrl, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
      body: form,
      signal: AbortSignal.timeout(tokenRequestTimeout),
    });
  } catch (error) {
    throw new OAuthRefreshError(`The OAuth2 token endpoint could not be reached (${error instanceof Error ? error.message : String(error)}).`);
  }
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown; expires_in?: unknown; refresh_token?: unknown; error?: unknown; error_description?: unknown };
  if (!response.ok || typeof body.access_token !== "string") {
    const why = [body.error, body.error_description].filter((part) => typeof part === "string").join(": ") || `HTTP ${response.status}`;
    throw new OAuthRefreshError(`The OAuth2 token endpoint refused to refresh the access token (${why}): sign in to the mailbox again to get a new refresh token.`);
  }
  // Without expires_in, assume the common hour; the refresh margin covers clock skew.
  const lifetimeSeconds = typeof body.expires_in === "number" ? body.expires_in : Number(body.expires_in) || 3600;
  await db
    .update(mailboxes)
    .set({
      oauthAccessToken: encryptSecret(body.access_token),
      oauthAccessTokenExpiresAt: new Date(now.getTime() + lifetimeSeconds * 1000),
      ...(typeof body.refresh_token === "string" ? { imapSecret: encryptSecret(body.refresh_token) } : {}),
    })
    .where(eq(mailboxes.id, mailbox.id));
  return body.access_token;
}
