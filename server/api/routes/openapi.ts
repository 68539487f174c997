import "server-only";
import { z } from "zod";
import { apiRoute, type ApiRoute } from "../route-definition";

/**
 * The document describes every route, itself included; it is built on first
 * request from the registry (imported lazily, since the registry imports this file).
 */
let document: Promise<unknown> | undefined;

async function openApiDocument(): Promise<unknown> {
  const [{ apiRoutes }, { buildOpenApiDocument }] = await Promise.all([import("./index"), import("../openapi-document")]);
  return buildOpenApiDocument(apiRoutes as ApiRoute[]);
}

const openApiDocumentShape = z
  .looseObject({ openapi: z.string(), info: z.looseObject({ title: z.string(), version: z.string() }), paths: z.record(z.string(), z.unknown()) })
  .meta({ id: "OpenApiDocument", description: "An OpenAPI 3.1 document." });

export const openApiRoutes = [
  apiRoute({
    method: "GET",
    path: "/openapi.json",
    operationId: "getOpenApiDocument",
    summary: "This API's OpenAPI 3.1 document",
    tag: "Reference",
    scope: null,
    role: "customer",
    // A JSON answer needs a schema to be documented with a body at all.
    responses: { 200: { description: "The OpenAPI document.", schema: openApiDocumentShape } },
    handler: async () => ({ status: 200, body: await (document ??= openApiDocument()), headers: { "cache-control": "public, max-age=300" } }),
  }),
];
