import "server-only";
import { z } from "zod";
import { getDb } from "@/server/db";
import { isAppError } from "@/server/errors";
import { nulByteError } from "@/server/nul-bytes";
import { clientAddress } from "@/server/client-address";
import { authenticateToken } from "@/server/api-tokens/authenticate-token";
import { consumeRateLimitState, type RateLimitState } from "@/server/rate-limit";
import { getSettings } from "@/server/settings/settings";
import { hasRole } from "@/server/users/session-user";
import type { Db } from "@/db/types";
import { claimIdempotencyKey, requestHash, settleIdempotencyKey, validIdempotencyKey } from "./idempotency";
import { BodyProblem, problemFor, problemResponse } from "./problem";
import type { ApiResult, ApiRoute, HttpMethod } from "./route-definition";
import { apiRoutes } from "./routes";

/**
 * The REST API's one entry point (app/api/v1/[...path]/route.ts): finds the
 * route, authenticates the bearer token (never a cookie: /api/v1 has no
 * CSRF surface), counts the request against the token's rate limit, checks
 * scope and role, parses params, query and body with the route's schemas,
 * honours Idempotency-Key on POST, and answers problem+json on any failure.
 */
export const API_PREFIX = "/api/v1";
const JSON_BODY_MAX_BYTES = 1024 * 1024;
const MULTIPART_ENVELOPE_BYTES = 64 * 1024;

interface CompiledRoute {
  route: ApiRoute;
  pattern: RegExp;
  names: string[];
}

const compiled: CompiledRoute[] = apiRoutes.map((route) => {
  const names: string[] = [];
  const source = route.path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{(\w+)\}/g, (_match, name: string) => {
    names.push(name);
    return "([^/]+)";
  });
  return { route, pattern: new RegExp(`^${source}$`), names };
});

function matchRoute(method: string, path: string): { route: ApiRoute; params: Record<string, string> } | { allowed: HttpMethod[] } | null {
  const allowed: HttpMethod[] = [];
  for (const { route, pattern, names } of compiled) {
    const match = pattern.exec(path);
    if (!match) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    const params = Object.fromEntries(names.map((name, index) => [name, decodeURIComponent(match[index + 1] ?? "")]));
    return { route, params };
  }
  return allowed.length > 0 ? { allowed } : null;
}

export async function handleApiRequest(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const path = url.pathname.startsWith(API_PREFIX) ? url.pathname.slice(API_PREFIX.length) || "/" : url.pathname;
  const instance = url.pathname;
  try {
    const found = matchRoute(request.method, path);
    if (!found) return problemResponse(404, "NOT_FOUND", `There is no API route ${request.method} ${url.pathname}. See /api/v1/openapi.json.`, { instance });
    if ("allowed" in found) {
      return problemResponse(405, "METHOD_NOT_ALLOWED", `${url.pathname} does not answer ${request.method}.`, { instance, headers: { allow: found.allowed.join(", ") } });
    }
    const db = await getDb();
    if (found.route.scope === null) return toResponse(await found.route.handler(publicRequest(db, request)));
    return await authorizedRequest(db, request, url, found.route, found.params);
  } catch (error) {
    return problemFor(error, instance);
  }
}

function publicRequest(db: Db, request: Request) {
  // Only the OpenAPI document is public; it reads nothing of anyone's.
  return { db, user: { id: "", name: "", email: "", role: "customer" as const, organizationId: null, organizationShares: false, away: false }, tokenId: "", params: {}, query: {}, body: undefined, request, clientAddress: null };
}

async function toResponse(result: ApiResult): Promise<Response> {
  if (result instanceof Response) return result;
  const headers = { "cache-control": "no-store", ...result.headers };
  if (result.body === undefined) return new Response(null, { status: result.status, headers });
  return new Response(JSON.stringify(result.body), { status: result.status, headers: { "content-type": "application/json", ...headers } });
}

async function authorizedRequest(db: Db, request: Request, url: URL, route: ApiRoute, rawParams: Record<string, string>): Promise<Response> {
  const instance = url.pathname;
  const token = bearerToken(request);
  if (!token) {
    return problemResponse(401, "UNAUTHORIZED", "Send an API token as Authorization: Bearer <token>. Create one at /settings/tokens.", {
      instance,
      headers: { "www-authenticate": 'Bearer realm="frontdesk"' },
    });
  }
  const address = clientAddress(request);
  let caller;
  try {
    caller = await authenticateToken(db, token, address);
  } catch (error) {
    if (isAppError(error) && error.code === "UNAUTHORIZED") {
      return problemResponse(401, "UNAUTHORIZED", error.message, { instance, headers: { "www-authenticate": 'Bearer realm="frontdesk", error="invalid_token"' } });
    }
    throw error;
  }

  const limit = await consumeRateLimitState(db, "apiRequestsPerToken", caller.tokenId);
  const limitHeaders = rateLimitHeaders(limit);
  if (!limit.allowed) {
    return problemResponse(429, "RATE_LIMITED", `Too many requests with this token: ${limit.limit} a minute. Retry in ${limit.resetSeconds} s.`, {
      instance,
      headers: { ...limitHeaders, "retry-after": String(limit.resetSeconds) },
    });
  }

  const answer = async (): Promise<Response> => {
    if (route.scope && !caller.scopes.includes(route.scope)) {
      return problemResponse(403, "FORBIDDEN", `This token does not have the "${route.scope}" scope that ${route.method} ${route.path} needs.`, { instance });
    }
    if (!hasRole(caller.user, route.role)) return problemResponse(403, "FORBIDDEN", "The token's owner does not have access to this.", { instance });

    const params = parseInput(route.params, rawParams);
    const query = parseInput(route.query, queryObject(url.searchParams));
    const bytes = route.body ? await readBody(db, request, route.body === "multipart") : new Uint8Array(0);
    const body = route.body && route.body !== "multipart" ? parseInput(route.body, parseJson(request, bytes)) : undefined;
    const forwarded = route.body === "multipart" ? new Request(request.url, { method: request.method, headers: request.headers, body: bytes }) : request;

    const run = async () => toResponse(await route.handler({ db, user: caller.user, tokenId: caller.tokenId, params, query, body, request: forwarded, clientAddress: address }));
    const key = request.method === "POST" ? request.headers.get("idempotency-key") : null;
    if (key === null) return run();
    validIdempotencyKey(key);
    const claim = await claimIdempotencyKey(db, caller.tokenId, key, requestHash(request.method, url.pathname + url.search, bytes));
    if (!claim.claimed) return claim.replay;
    let response: Response;
    try {
      response = await run();
    } catch (error) {
      response = problemFor(error, instance);
    }
    return settleIdempotencyKey(db, caller.tokenId, key, response);
  };

  let response: Response;
  try {
    response = await answer();
  } catch (error) {
    response = problemFor(error, instance);
  }
  for (const [name, value] of Object.entries(limitHeaders)) response.headers.set(name, value);
  return response;
}

function bearerToken(request: Request): string | null {
  const header = request.headers.get("authorization");
  const match = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return match?.[1] ?? null;
}

function rateLimitHeaders(limit: RateLimitState): Record<string, string> {
  return { "ratelimit-limit": String(limit.limit), "ratelimit-remaining": String(limit.remaining), "ratelimit-reset": String(limit.resetSeconds) };
}

/** Query parameters as an object: a repeated name gives an array. */
function queryObject(search: URLSearchParams): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const name of new Set(search.keys())) {
    const values = search.getAll(name);
    result[name] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return result;
}

/**
 * Parses one part of the request with the route's schema; a failure is a zod
 * error, which answers 422 with the fields at fault. A NUL byte anywhere is
 * refused first, as at every other door (PostgreSQL cannot store one).
 */
function parseInput(schema: z.ZodType | undefined, raw: unknown): unknown {
  const nul = nulByteError(raw);
  if (nul) throw nul;
  return schema ? schema.parse(raw) : {};
}

/** The raw body, read up to a limit (JSON: 1 MiB; a file upload: the attachment limit and room for the envelope). */
async function readBody(db: Db, request: Request, multipart: boolean): Promise<Uint8Array<ArrayBuffer>> {
  const max = multipart ? (await getSettings(db)).attachmentMaxBytes + MULTIPART_ENVELOPE_BYTES : JSON_BODY_MAX_BYTES;
  const tooLarge = () => new BodyProblem(413, "PAYLOAD_TOO_LARGE", `The body is larger than ${Math.floor(max / 1024)} KiB.`);
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function parseJson(request: Request, bytes: Uint8Array): unknown {
  const type = request.headers.get("content-type") ?? "";
  if (bytes.byteLength === 0) throw new BodyProblem(400, "BAD_REQUEST", "This request needs a JSON body.");
  if (!/^application\/([\w.+-]*\+)?json\s*(;|$)/i.test(type)) throw new BodyProblem(415, "UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new BodyProblem(400, "BAD_REQUEST", "The body is not valid JSON.");
  }
}
