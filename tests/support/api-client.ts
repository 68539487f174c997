import { apiTokens, type ApiScope } from "@/db/schema";
import type { Db } from "@/db/types";
import { apiScopes } from "@/lib/vocabularies";
import { handleApiRequest } from "@/server/api/dispatch";
import { newTokenSecret } from "@/server/api-tokens/token-secret";
import type { SessionUser } from "@/server/users/session-user";
import { presentSessionOf } from "./request-session";

/**
 * The REST API under test, as production runs it: requests go through the
 * real dispatcher (app/api/v1/[...path]/route.ts calls the same function).
 * A test file mocks the app's getDb and the storage folder:
 *
 *   vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
 *   vi.mock("@/server/attachments/storage", async (original) =>
 *     (await import("../support/request-session")).storageModule(await original()));
 */

/** A token for a user, written straight to the table (tests of the token pages create theirs through them). */
export async function tokenFor(db: Db, user: Pick<SessionUser, "id">, scopes: readonly ApiScope[] = apiScopes, options: { expiresAt?: Date } = {}): Promise<string> {
  const secret = newTokenSecret();
  await db.insert(apiTokens).values({ userId: user.id, name: "test token", prefix: secret.prefix, secretHash: secret.secretHash, scopes: [...scopes], expiresAt: options.expiresAt });
  return secret.token;
}

export interface ApiCall {
  token?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Headers;
  /** Parsed JSON (problem+json included), or the text for anything else. */
  body: unknown;
  /** Narrowed for the common case of a JSON object. */
  json: Record<string, unknown>;
}

/** Calls `method /api/v1{path}` and reads the answer. */
export async function callApi(db: Db, method: string, path: string, call: ApiCall = {}): Promise<ApiAnswer> {
  presentSessionOf(db, null);
  const headers = new Headers(call.headers);
  if (call.token) headers.set("authorization", `Bearer ${call.token}`);
  let body: BodyInit | undefined;
  if (call.body instanceof FormData) body = call.body;
  else if (call.body !== undefined) {
    body = typeof call.body === "string" ? call.body : JSON.stringify(call.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const response = await handleApiRequest(new Request(`http://localhost/api/v1${path}`, { method, headers, body }));
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  const parsed: unknown = /json/.test(type) && text ? JSON.parse(text) : text;
  const json = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  return { status: response.status, headers: response.headers, body: parsed, json };
}
