import "server-only";
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { apiTokens, type ApiScope } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "@/server/errors";
import { loadActiveUser, type SessionUser } from "@/server/users/session-user";
import { hashTokenSecret, looksLikeToken } from "./token-secret";

export interface TokenCaller {
  tokenId: string;
  scopes: readonly ApiScope[];
  /** The token's owner, loaded fresh: their role and record-level scope are the token's. */
  user: SessionUser;
}

/** Last-used time and address are written at most this often per token, so reads stay reads. */
const LAST_USED_PRECISION_MS = 60_000;

const INVALID_TOKEN = "The API token is missing, malformed, expired or revoked.";

/**
 * Who a bearer token speaks for. Refuses (UNAUTHORIZED, one message for every
 * reason, so a caller learns nothing about other people's tokens) a token
 * that is malformed, unknown, revoked, expired, or whose owner is disabled.
 */
export async function authenticateToken(db: Db, token: string, clientAddress: string | null): Promise<TokenCaller> {
  if (!looksLikeToken(token)) throw new AppError("UNAUTHORIZED", INVALID_TOKEN);
  const [row] = await db
    .select({ id: apiTokens.id, userId: apiTokens.userId, scopes: apiTokens.scopes, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.secretHash, hashTokenSecret(token)), isNull(apiTokens.revokedAt)))
    .limit(1);
  const now = Date.now();
  if (!row || (row.expiresAt && row.expiresAt.getTime() <= now)) throw new AppError("UNAUTHORIZED", INVALID_TOKEN);
  const user = await loadActiveUser(db, row.userId);
  if (!user) throw new AppError("UNAUTHORIZED", INVALID_TOKEN);
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    const staleBefore = new Date(now - LAST_USED_PRECISION_MS);
    // Conditional, so concurrent requests write it once.
    await db
      .update(apiTokens)
      .set({ lastUsedAt: sql`now()`, lastUsedAddress: clientAddress })
      .where(and(eq(apiTokens.id, row.id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, staleBefore))));
  }
  return { tokenId: row.id, scopes: row.scopes, user };
}
