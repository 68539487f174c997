import "server-only";
import { and, count, desc, eq, isNull, not, sql, type SQL } from "drizzle-orm";
import { apiScopes, apiTokens, users, type ApiScope, type UserRole } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { AppError, FIELD_ERRORS_MESSAGE } from "@/server/errors";
import { cursorTime, decodeCursor, toPage, type Page } from "@/server/pagination";
import { hasRole, type SessionUser } from "@/server/users/session-user";
import { apiTokenLimits, scopesAllowedFor } from "./token-rules";
import { newTokenSecret } from "./token-secret";

/**
 * Creating, listing and revoking API tokens: the settings page, the admin's
 * list of every token and `npm run api:token` all come through here. The
 * secret leaves this module once, in createApiToken's answer; nothing here
 * ever reads or returns the stored hash.
 */

export type ApiTokenStatus = "active" | "expired" | "revoked";

export interface ApiTokenSummary {
  id: string;
  name: string;
  /** The token's first characters, so its owner can tell it apart (never enough to use it). */
  prefix: string;
  scopes: ApiScope[];
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedAddress: string | null;
  revokedAt: Date | null;
  status: ApiTokenStatus;
}

export interface ApiTokenWithOwner extends ApiTokenSummary {
  owner: { id: string; name: string; email: string; role: UserRole; disabled: boolean };
}

export interface NewApiToken {
  name: string;
  scopes: readonly ApiScope[];
  /** Days until it stops working; null or absent for a token that does not expire. */
  expiresInDays?: number | null;
}

export interface CreatedApiToken {
  /** The secret itself: returned this once, stored only as a hash. */
  token: string;
  id: string;
  name: string;
  prefix: string;
  scopes: ApiScope[];
  expiresAt: Date | null;
  createdAt: Date;
}

/** Revoked beats expired: a token revoked before its expiry says so. */
const tokenStatus: SQL<ApiTokenStatus> = sql<ApiTokenStatus>`case
  when ${apiTokens.revokedAt} is not null then 'revoked'
  when ${apiTokens.expiresAt} <= now() then 'expired'
  else 'active' end`;

/** A token that still opens the API (as far as the token itself goes; a disabled owner closes it too). */
const isLive: SQL = sql`(${apiTokens.revokedAt} is null and (${apiTokens.expiresAt} is null or ${apiTokens.expiresAt} > now()))`;

const summaryColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  scopes: apiTokens.scopes,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  lastUsedAddress: apiTokens.lastUsedAddress,
  revokedAt: apiTokens.revokedAt,
  status: tokenStatus,
};

/** Revoked and expired tokens shown beside the live ones: enough to see what just stopped working, without an ever-growing list. */
const INACTIVE_TOKENS_SHOWN = 20;

function scopesRefusal(message: string): AppError {
  return new AppError("INVALID", FIELD_ERRORS_MESSAGE, { fieldErrors: { scopes: [message] } });
}

/**
 * A new token for `owner` (a person creates tokens only for themselves; the
 * CLI names the owner by email). Refuses scopes the owner's role can never
 * use, and a 51st live token; the owner's row is locked while counting, so
 * two requests at once cannot both take the last place.
 */
export async function createApiToken(db: DbOrTx, owner: SessionUser, input: NewApiToken): Promise<CreatedApiToken> {
  // The vocabulary's order, each scope once, whatever order the request used.
  const scopes = apiScopes.filter((scope) => input.scopes.includes(scope));
  if (scopes.length === 0) throw scopesRefusal("Choose at least one scope.");
  const allowed = scopesAllowedFor(owner.role);
  const refused = scopes.filter((scope) => !allowed.includes(scope));
  if (refused.length > 0) {
    throw scopesRefusal(
      `A token of ${owner.role === "admin" || owner.role === "agent" ? "an" : "a"} ${owner.role} may carry only ${allowed.join(", ")}; ` +
        `${refused.join(", ")} ${refused.length === 1 ? "is" : "are"} not allowed.`,
    );
  }
  const days = input.expiresInDays ?? null;
  const secret = newTokenSecret();

  return db.transaction(async (tx) => {
    const [holder] = await tx.select({ id: users.id }).from(users).where(and(eq(users.id, owner.id), isNull(users.disabledAt))).for("update");
    if (!holder) throw new AppError("FORBIDDEN", "This account is disabled, so it cannot have API tokens.");
    const [live] = await tx
      .select({ n: count() })
      .from(apiTokens)
      .where(and(eq(apiTokens.userId, owner.id), isLive));
    if ((live?.n ?? 0) >= apiTokenLimits.maxLiveTokens) {
      throw new AppError("INVALID", `You already have ${apiTokenLimits.maxLiveTokens} active tokens, the most one person may have. Revoke one you no longer use first.`);
    }
    const row = single(
      await tx
        .insert(apiTokens)
        .values({
          userId: owner.id,
          name: input.name,
          prefix: secret.prefix,
          secretHash: secret.secretHash,
          scopes,
          expiresAt: days === null ? null : sql`now() + make_interval(days => ${days}::int)`,
        })
        .returning({
          id: apiTokens.id,
          name: apiTokens.name,
          prefix: apiTokens.prefix,
          scopes: apiTokens.scopes,
          expiresAt: apiTokens.expiresAt,
          createdAt: apiTokens.createdAt,
        }),
      "api token",
    );
    return { token: secret.token, ...row };
  });
}

/** The viewer's own tokens, newest first: every live one, and the latest revoked or expired ones. */
export async function listOwnApiTokens(db: DbOrTx, viewer: Pick<SessionUser, "id">): Promise<ApiTokenSummary[]> {
  const mine = eq(apiTokens.userId, viewer.id);
  const newestFirst = [desc(apiTokens.createdAt), desc(apiTokens.id)] as const;
  const live = await db
    .select(summaryColumns)
    .from(apiTokens)
    .where(and(mine, isLive))
    .orderBy(...newestFirst);
  const inactive = await db
    .select(summaryColumns)
    .from(apiTokens)
    .where(and(mine, not(isLive)))
    .orderBy(...newestFirst)
    .limit(INACTIVE_TOKENS_SHOWN);
  return [...live, ...inactive].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1));
}

/** Every token with its owner, newest first, for admins; keyset-paged by (created, id). */
export async function listAllApiTokens(db: DbOrTx, input: { cursor?: string; limit: number }): Promise<Page<ApiTokenWithOwner>> {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const rows = await db
    .select({
      ...summaryColumns,
      ownerId: users.id,
      ownerName: users.name,
      ownerEmail: users.email,
      ownerRole: users.role,
      ownerDisabledAt: users.disabledAt,
      cursorAt: cursorTime(apiTokens.createdAt),
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(after ? sql`(${apiTokens.createdAt}, ${apiTokens.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined)
    .orderBy(desc(apiTokens.createdAt), desc(apiTokens.id))
    .limit(input.limit + 1);
  // createdAt is never null, so neither is its cursor time.
  const page = toPage(rows, input.limit, (row) => ({ at: row.cursorAt ?? row.createdAt.toISOString(), id: row.id }));
  return {
    nextCursor: page.nextCursor,
    items: page.items.map(({ ownerId, ownerName, ownerEmail, ownerRole, ownerDisabledAt, ...token }) => ({
      ...token,
      owner: { id: ownerId, name: ownerName, email: ownerEmail, role: ownerRole, disabled: ownerDisabledAt !== null },
    })),
  };
}

/**
 * Revokes a token of the viewer's (admins: anyone's). Revoking a revoked
 * token keeps its first revocation time and succeeds; a token the viewer may
 * not touch is NOT_FOUND, so nobody learns which ids exist.
 */
export async function revokeApiToken(db: DbOrTx, viewer: SessionUser, tokenId: string): Promise<ApiTokenSummary> {
  const [row] = await db
    .update(apiTokens)
    .set({ revokedAt: sql`coalesce(${apiTokens.revokedAt}, now())` })
    .where(and(eq(apiTokens.id, tokenId), hasRole(viewer, "admin") ? undefined : eq(apiTokens.userId, viewer.id)))
    .returning(summaryColumns);
  if (!row) throw new AppError("NOT_FOUND", "That token does not exist, or it is not yours.");
  return row;
}
