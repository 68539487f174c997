import "server-only";
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { apiIdempotencyKeys } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "@/server/errors";

/**
 * `Idempotency-Key` on POST: the first request with a key claims it, runs,
 * and stores its answer; the same key and request within 24 hours gets that
 * answer back and changes nothing; the same key with another request is
 * refused. A claim whose request is still running answers 409, so two
 * concurrent retries never both write.
 *
 * The answer is stored after the write commits: a process that dies in
 * between leaves a claim without an answer, which is given up after a
 * minute so the client's retry can go through (the one case where a retry
 * may write twice is a crash in that instant).
 */
const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const KEPT_HOURS = 24;
const ABANDONED_AFTER_SECONDS = 60;

export function requestHash(method: string, pathAndQuery: string, body: Uint8Array): string {
  return createHash("sha256").update(`${method} ${pathAndQuery}\n`).update(body).digest("hex");
}

export function validIdempotencyKey(key: string): string {
  if (!KEY_PATTERN.test(key)) throw new AppError("INVALID", "Idempotency-Key must be 1 to 255 visible ASCII characters.");
  return key;
}

export type IdempotencyClaim = { claimed: true } | { claimed: false; replay: Response };

export async function claimIdempotencyKey(db: Db, tokenId: string, key: string, hash: string): Promise<IdempotencyClaim> {
  const table = apiIdempotencyKeys;
  const claimed = await db
    .insert(table)
    .values({ tokenId, key, requestHash: hash })
    .onConflictDoUpdate({
      target: [table.tokenId, table.key],
      set: { requestHash: hash, responseStatus: null, responseBody: null, responseHeaders: null, createdAt: sql`now()` },
      // Only an expired key, or a claim abandoned by a crashed request, is taken over.
      setWhere: sql`${table.createdAt} < now() - make_interval(hours => ${KEPT_HOURS})
        or (${table.responseStatus} is null and ${table.createdAt} < now() - make_interval(secs => ${ABANDONED_AFTER_SECONDS}))`,
    })
    .returning({ tokenId: table.tokenId });
  if (claimed.length > 0) return { claimed: true };

  const [existing] = await db
    .select()
    .from(table)
    .where(and(eq(table.tokenId, tokenId), eq(table.key, key)))
    .limit(1);
  // Gone between the two statements (swept): claim it afresh.
  if (!existing) return claimIdempotencyKey(db, tokenId, key, hash);
  if (existing.requestHash !== hash) {
    throw new AppError("INVALID", "This Idempotency-Key was already used with a different request. Use a new key for a new request.", {
      fieldErrors: { "Idempotency-Key": ["Already used with a different request."] },
    });
  }
  if (existing.responseStatus === null) {
    throw new AppError("CONFLICT", "A request with this Idempotency-Key is still being processed. Retry in a moment.");
  }
  return {
    claimed: false,
    replay: new Response(existing.responseBody, {
      status: existing.responseStatus,
      headers: { ...existing.responseHeaders, "idempotent-replayed": "true" },
    }),
  };
}

/** Stores the answer of a claimed key; a server failure gives the claim up instead, so a retry runs again. */
export async function settleIdempotencyKey(db: Db, tokenId: string, key: string, response: Response): Promise<Response> {
  const where = and(eq(apiIdempotencyKeys.tokenId, tokenId), eq(apiIdempotencyKeys.key, key));
  if (response.status >= 500) {
    await db.delete(apiIdempotencyKeys).where(where);
    return response;
  }
  const body = await response.text();
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    headers[name] = value;
  });
  await db.update(apiIdempotencyKeys).set({ responseStatus: response.status, responseBody: body, responseHeaders: headers }).where(where);
  return new Response(body, { status: response.status, headers });
}

/** Forgets keys older than a day (run by the timed sweeps). */
export async function sweepIdempotencyKeys(db: Db): Promise<void> {
  await db.delete(apiIdempotencyKeys).where(sql`${apiIdempotencyKeys.createdAt} < now() - make_interval(hours => ${KEPT_HOURS})`);
}
