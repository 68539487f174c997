import "server-only";
import type { z } from "zod";
import type { ApiScope, UserRole } from "@/db/schema";
import type { Db } from "@/db/types";
import type { SessionUser } from "@/server/users/session-user";

/**
 * One REST route, declared once: the dispatcher routes and checks requests
 * from it, and the OpenAPI document is generated from it, so the two cannot
 * disagree. A route states the token scope it needs and the least role its
 * owner must have (the same nested roles as the tRPC procedure builders).
 */
export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

/** A documented answer: JSON with a schema, another media type, or no body. */
export interface ApiResponseSpec {
  description: string;
  schema?: z.ZodType;
  /** Defaults to application/json when a schema is given. */
  contentType?: string;
  /** Other media types the same answer comes in, chosen by the request's Accept header (a report as text/csv). */
  alternatives?: Record<string, { schema?: z.ZodType }>;
  headers?: Record<string, { description: string; schema: z.ZodType }>;
}

export interface ApiRequest<TParams, TQuery, TBody> {
  db: Db;
  /** The token's owner, with their role and record-level scope. */
  user: SessionUser;
  tokenId: string;
  params: TParams;
  query: TQuery;
  body: TBody;
  request: Request;
  /** The client's address (for rate limits and audit). */
  clientAddress: string | null;
}

/** What a handler returns: a JSON body with its status, or a whole Response (files, CSV). */
export type ApiResult = { status: number; body?: unknown; headers?: Record<string, string> } | Response;

interface RouteShape {
  method: HttpMethod;
  /** OpenAPI path under /api/v1, with {name} for path parameters. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** The token scope the route needs; null only for the public OpenAPI document. */
  scope: ApiScope | null;
  /** The least role the token's owner must have. */
  role: UserRole;
  /** The answers this route gives on success (errors are documented for every route). */
  responses: Record<number, ApiResponseSpec>;
}

/** A route as the registry holds it, whatever its schemas. */
export interface ApiRoute extends RouteShape {
  params?: z.ZodType;
  query?: z.ZodType;
  /** A JSON body, or "multipart" for a file upload (field "file"). */
  body?: z.ZodType | "multipart";
  handler: (request: ApiRequest<unknown, unknown, unknown>) => Promise<ApiResult>;
}

/** Declares a route, with its handler's types inferred from its schemas. */
export function apiRoute<TParams = Record<string, never>, TQuery = Record<string, never>, TBody = undefined>(
  route: RouteShape & {
    params?: z.ZodType<TParams, unknown>;
    query?: z.ZodType<TQuery, unknown>;
    body?: z.ZodType<TBody, unknown> | "multipart";
    handler: (request: ApiRequest<TParams, TQuery, TBody>) => Promise<ApiResult>;
  },
): ApiRoute {
  // The dispatcher parses params, query and body with these very schemas
  // before calling the handler, so the values it passes have these types.
  const handler = route.handler as ApiRoute["handler"];
  return { ...route, handler };
}
