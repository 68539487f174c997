import "server-only";
import { z } from "zod";
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { env } from "@/server/env";
import { webhookEventTypes } from "@/lib/vocabularies";
import { webhookEventData } from "@/server/webhooks/webhook-events";
import { PROBLEM_CONTENT_TYPE, problemSchema } from "./problem";
import type { ApiRoute } from "./route-definition";

/**
 * The OpenAPI 3.1 document of the REST API, generated from the very route
 * declarations and zod schemas the dispatcher uses: nothing in it is
 * written by hand, so it cannot drift from what the API does.
 */
const problem = (description: string) => ({ description, content: { [PROBLEM_CONTENT_TYPE]: { schema: problemSchema } } });

const rateLimitFields = {
  "RateLimit-Limit": z.number().int().meta({ description: "Requests allowed per minute for this token." }),
  "RateLimit-Remaining": z.number().int().meta({ description: "Requests left in the current minute." }),
  "RateLimit-Reset": z.number().int().meta({ description: "Seconds until the window resets." }),
};
const rateLimitHeaders = z.object(rateLimitFields);

type StatusKey = `${1 | 2 | 3 | 4 | 5}${string}`;

function responsesOf(route: ApiRoute): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    const contentType = spec.contentType ?? "application/json";
    const schema = spec.schema ?? (contentType === "application/json" ? undefined : z.string().meta({ format: "binary" }));
    const content: Record<string, { schema: z.ZodType }> = schema ? { [contentType]: { schema } } : {};
    for (const [type, alternative] of Object.entries(spec.alternatives ?? {})) content[type] = { schema: alternative.schema ?? z.string() };
    responses[status as StatusKey] = {
      description: spec.description,
      ...(route.scope ? { headers: rateLimitHeaders } : {}),
      ...(Object.keys(content).length > 0 ? { content } : {}),
    };
  }
  if (route.scope === null) return responses;
  responses["401"] = problem("No token, or a token that is malformed, unknown, expired or revoked, or whose owner is disabled.");
  responses["403"] = problem(`The token lacks the ${route.scope} scope, or its owner's role (at least ${route.role}) does not allow this.`);
  if (route.params) responses["404"] = problem("No such record, or not one the token's owner may see.");
  if (route.params || route.query || route.body) responses["422"] = problem("The input breaks a rule; errors lists the fields at fault.");
  if (route.body && route.body !== "multipart") {
    responses["400"] = problem("The body is missing or is not JSON.");
    responses["415"] = problem("The body is not application/json.");
  }
  if (route.body) responses["413"] = problem("The body is too large.");
  if (route.method === "PATCH" || route.method === "POST") responses["409"] = problem("A conflict: a stale version, or the same Idempotency-Key still being processed.");
  responses["429"] = {
    ...problem("Too many requests with this token; retry after Retry-After seconds."),
    headers: z.object({ ...rateLimitFields, "Retry-After": z.number().int().meta({ description: "Seconds to wait." }) }),
  };
  return responses;
}

function operationOf(route: ApiRoute): ZodOpenApiOperationObject {
  const idempotency =
    route.method === "POST"
      ? { header: z.object({ "Idempotency-Key": z.string().min(1).max(255).optional().meta({ description: "The same key and body within 24 h returns the first answer and changes nothing." }) }) }
      : {};
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [route.tag],
    ...(route.scope ? { security: [{ bearer: [route.scope] }], "x-required-role": route.role, "x-required-scope": route.scope } : { security: [] }),
    requestParams: {
      ...(route.params ? { path: route.params as z.ZodObject } : {}),
      ...(route.query ? { query: route.query as z.ZodObject } : {}),
      ...idempotency,
    },
    ...(route.body === "multipart"
      ? { requestBody: { required: true, content: { "multipart/form-data": { schema: z.object({ file: z.string().meta({ format: "binary" }) }) } } } }
      : route.body
        ? { requestBody: { required: true, content: { "application/json": { schema: route.body } } } }
        : {}),
    responses: responsesOf(route),
  };
}

/** The events Frontdesk POSTs to webhook endpoints (OpenAPI 3.1 `webhooks`), from the schemas the fan-out builds them by. */
function webhookOperations(): ZodOpenApiPathsObject {
  const signature = z.object({
    "webhook-id": z.string().meta({ description: "The event's id (msg_…), the same on every retry: drop repeats by it." }),
    "webhook-timestamp": z.string().meta({ description: "Unix seconds when this attempt was sent." }),
    "webhook-signature": z.string().meta({ description: "v1,<base64 HMAC-SHA256 of id.timestamp.body> with the endpoint's secret; two, space-separated, for 24 h after a rotation." }),
  });
  return Object.fromEntries(
    webhookEventTypes.map((type) => [
      type,
      {
        post: {
          operationId: `webhook_${type.replace(".", "_")}`,
          summary: `${type} (sent to your endpoint)`,
          tags: ["Webhook events"],
          requestParams: { header: signature },
          requestBody: {
            required: true,
            content: { "application/json": { schema: z.object({ type: z.literal(type), timestamp: z.iso.datetime({ offset: true }), data: webhookEventData[type] }) } },
          },
          responses: { "200": { description: "Any 2xx within 10 s acknowledges the event; anything else is retried for about a day." } },
        },
      },
    ]),
  );
}

export function buildOpenApiDocument(routes: readonly ApiRoute[]) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const item = (paths[route.path] ??= {});
    item[route.method.toLowerCase() as "get" | "post" | "patch" | "delete"] = operationOf(route);
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Frontdesk API",
      version: "1.0.0",
      description:
        "Tickets, messages, people and reports of a Frontdesk help desk. Authenticate with an Authorization: Bearer <token> header (create tokens at /settings/tokens). A token acts as its owner: their role and record-level scope apply, and its scopes narrow them further. Errors are RFC 9457 problem details.",
    },
    servers: [{ url: new URL("/api/v1", env.APP_URL).toString() }],
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "An API token (fd_…)." } } },
    paths,
    webhooks: webhookOperations(),
  });
}
