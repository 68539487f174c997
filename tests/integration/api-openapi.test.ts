/**
 * The OpenAPI document of the REST API, held to the API itself so neither
 * can drift: the served document is valid OpenAPI 3.1, lists exactly the
 * routes of the registry, and every operation, called for real, answers
 * with a documented status and a body its documented schema accepts, for
 * success and for the errors the document promises (no token, a missing
 * scope, an unknown record, wrong parameters and wrong body fields).
 */
import { compileErrors, validate } from "@readme/openapi-parser";
import { afterAll, describe, expect, it, vi } from "vitest";
import { apiScopes } from "@/lib/vocabularies";
import { apiRoutes } from "@/server/api/routes";
import type { ApiRoute } from "@/server/api/route-definition";
import { callApi, tokenFor, type ApiAnswer } from "../support/api-client";
import { apiExamples, callExample, createApiFixtures, exampleFor, type ExampleRequest } from "../support/api-examples";
import { answerChecker, jsonBodySchema, operationsOf, wrongValueFor, type DocumentedOperation, type OpenApiDocument } from "../support/openapi-checks";
import { endRequestSessions } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const UNKNOWN_NUMBER = 2_147_483_647;
const isUuid = (schema: Record<string, unknown> | undefined) => schema?.format === "uuid";
const isInteger = (schema: Record<string, unknown> | undefined) => schema?.type === "integer";

/** A text value a parameter's schema refuses, or undefined when it admits any text. */
function wrongParameterValue(schema: Record<string, unknown> | undefined): string | undefined {
  if (!schema) return undefined;
  const items = schema.type === "array" && typeof schema.items === "object" ? (schema.items as Record<string, unknown>) : schema;
  if (items.type === "integer" || items.type === "number") return "not-a-number";
  if (Array.isArray(items.enum) || Array.isArray(items.anyOf) || typeof items.format === "string") return "not-a-valid-value";
  if (typeof items.maxLength === "number") return "x".repeat(items.maxLength + 1);
  return undefined;
}

const fieldsOf = (answer: ApiAnswer) => (Array.isArray(answer.json.errors) ? (answer.json.errors as { field: string }[]).map((error) => error.field) : []);

describe("REST API: the OpenAPI document", async () => {
  const { db } = await useTestDatabase();
  afterAll(endRequestSessions);
  const fixtures = await createApiFixtures(db);
  const served = await callApi(db, "GET", "/openapi.json");
  const document = served.body as OpenApiDocument;
  const operations = operationsOf(document);
  const problemsOf = answerChecker(document);
  const routeOf = (operation: DocumentedOperation): ApiRoute | undefined => apiRoutes.find((route) => route.method === operation.method && route.path === operation.path);

  it("is served without a token, as JSON, and is valid OpenAPI 3.1", async () => {
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toMatch(/^application\/json/);
    expect(document.openapi).toMatch(/^3\.1\.\d+$/);
    const result = await validate(structuredClone(served.body) as Parameters<typeof validate>[0]);
    expect(result.valid, result.valid ? "" : compileErrors(result)).toBe(true);
    expect(result.warnings).toEqual([]);
  });

  it("lists every route of the registry with its method, and no operation that is not a route", () => {
    const documented = operations.map(({ method, path, operation }) => `${method} ${path} (${operation.operationId})`).sort();
    const registered = apiRoutes.map((route) => `${route.method} ${route.path} (${route.operationId})`).sort();
    expect(documented.filter((entry) => !registered.includes(entry)), "documented but not routes").toEqual([]);
    expect(registered.filter((entry) => !documented.includes(entry)), "routes missing from the document").toEqual([]);
  });

  it("has an example request for every operation, and none for an operation that does not exist", () => {
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(ids.filter((id) => !(id in apiExamples)).map((id) => `add an example request for ${id}`)).toEqual([]);
    expect(Object.keys(apiExamples).filter((id) => !ids.includes(id)), "examples of operations that do not exist").toEqual([]);
  });

  it.each(operations.map((operation) => [`${operation.method} ${operation.path}`, operation] as const))("%s answers as documented", async (_name, operation) => {
    const route = routeOf(operation);
    if (!route) throw new Error(`${operation.method} ${operation.path} is documented but is not a route`);
    const example = await exampleFor(operation.operation.operationId, fixtures);
    // A token per operation, so the many calls below stay under the per-token rate limit.
    const token = await tokenFor(db, fixtures.admin);
    const call = (variant: ExampleRequest, as: string | null = token) => callExample(db, route, variant, as);
    const documented = (answer: ApiAnswer, what: string) => {
      expect(problemsOf(operation, answer), `${what}: ${operation.method} ${operation.path}`).toEqual([]);
      return answer;
    };
    const problem = async (variant: ExampleRequest, status: number, what: string, as: string | null = token) => {
      const answer = documented(await call(variant, as), what);
      expect(answer.status, `${what}: ${JSON.stringify(answer.body).slice(0, 300)}`).toBe(status);
      expect(answer.headers.get("content-type"), what).toBe("application/problem+json");
      expect(answer.json).toMatchObject({ status, code: expect.any(String), detail: expect.any(String) });
      return answer;
    };

    if (route.scope !== null) {
      const unauthorized = await problem(example, 401, "no token", null);
      expect(unauthorized.headers.get("www-authenticate")).toMatch(/^Bearer /);
      await problem(example, 403, `a token without ${route.scope}`, await tokenFor(db, fixtures.admin, apiScopes.filter((scope) => scope !== route.scope)));
    }

    const success = documented(await call(example), "the example request");
    expect(success.status, `the example request: ${JSON.stringify(success.body).slice(0, 500)}`).toBeGreaterThanOrEqual(200);
    expect(success.status).toBeLessThan(300);
    // Each other media type the success is documented in (a report as text/csv), asked for by Accept.
    const receivedType = success.headers.get("content-type")?.split(";")[0] ?? "";
    for (const mediaType of Object.keys(operation.operation.responses[String(success.status)]?.content ?? {}).filter((type) => type !== receivedType && !type.includes("*"))) {
      const alternative = documented(await call({ ...example, headers: { ...example.headers, accept: mediaType } }), `the example request with Accept: ${mediaType}`);
      expect(alternative.status).toBe(success.status);
      expect(alternative.headers.get("content-type")?.split(";")[0]).toBe(mediaType);
    }
    if (route.scope === null) return;

    const parameters = (operation.operation.parameters ?? []).filter((parameter) => parameter.in === "path" || parameter.in === "query");
    const pathParameters = parameters.filter((parameter) => parameter.in === "path");
    if (pathParameters.length > 0 && pathParameters.every((parameter) => isUuid(parameter.schema) || isInteger(parameter.schema))) {
      const unknown = Object.fromEntries(pathParameters.map((parameter) => [parameter.name, isUuid(parameter.schema) ? UNKNOWN_ID : UNKNOWN_NUMBER]));
      await problem({ ...example, params: { ...example.params, ...unknown } }, 404, "an unknown record");
    }
    for (const parameter of parameters) {
      const wrong = wrongParameterValue(parameter.schema);
      if (wrong === undefined) continue;
      const variant = parameter.in === "path" ? { ...example, params: { ...example.params, [parameter.name]: wrong } } : { ...example, query: { ...example.query, [parameter.name]: wrong } };
      const answer = await problem(variant, 422, `${parameter.in} parameter ${parameter.name}=${wrong.slice(0, 20)}`);
      expect(fieldsOf(answer), `422 for ${parameter.name}`).toContain(parameter.name);
    }

    if (route.body === "multipart") {
      const form = new FormData();
      form.append("attachment", new File(["text"], "notes.txt", { type: "text/plain" }));
      const answer = await problem({ ...example, body: form }, 422, "a form without its file field");
      expect(fieldsOf(answer), "422 for a form without its file field").toContain("file");
    }
    const bodySchema = jsonBodySchema(document, operation.operation);
    if (!bodySchema) return;
    await problem({ ...example, body: "{not json" }, 400, "a body that is not JSON");
    await problem({ ...example, body: JSON.stringify(example.body), headers: { ...example.headers, "content-type": "text/plain" } }, 415, "a body that is not application/json");
    const properties = (bodySchema.properties ?? {}) as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties).length, "a JSON body documents its fields").toBeGreaterThan(0);
    for (const [field, schema] of Object.entries(properties)) {
      const wrong = wrongValueFor(document, schema);
      if (wrong === undefined) continue;
      const answer = await problem({ ...example, body: { ...(example.body as object), [field]: wrong } }, 422, `body field ${field}=${JSON.stringify(wrong)}`);
      expect(fieldsOf(answer), `422 for body field ${field}`).toContain(field);
    }
  });
});
