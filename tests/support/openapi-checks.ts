import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import type { ApiAnswer } from "./api-client";

/**
 * Reading the REST API's OpenAPI document the way a client generator would,
 * to hold the API to it: which operations it lists, and whether an answer
 * (status, media type, body, headers) is one the document promises.
 */

type JsonSchema = Record<string, unknown>;

interface MediaType {
  schema?: JsonSchema;
}

interface ResponseObject {
  description: string;
  headers?: Record<string, { required?: boolean }>;
  content?: Record<string, MediaType>;
}

export interface ParameterObject {
  in: string;
  name: string;
  schema?: JsonSchema;
}

export interface OperationObject {
  operationId: string;
  parameters?: ParameterObject[];
  requestBody?: { content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
}

export interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

export interface DocumentedOperation {
  method: string;
  path: string;
  operation: OperationObject;
}

const methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Every operation of the document, as METHOD and path. */
export function operationsOf(document: OpenApiDocument): DocumentedOperation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => methods.includes(method))
      .map(([method, operation]) => ({ method: method.toUpperCase(), path, operation })),
  );
}

const DOCUMENT_ID = "https://frontdesk.test/openapi.json";
const pointer = (parts: string[]) => parts.map((part) => encodeURIComponent(part.replaceAll("~", "~0").replaceAll("/", "~1"))).join("/");

/**
 * Validates answers against the document. The whole document is added to
 * ajv as one schema, so `#/components/schemas/...` references resolve
 * exactly as they do for any client; the OpenAPI-only top-level fields are
 * declared as keywords that validate nothing.
 */
export function answerChecker(document: OpenApiDocument) {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  for (const keyword of ["openapi", "info", "servers", "paths", "components", "tags", "webhooks", "security", "jsonSchemaDialect", "externalDocs"]) ajv.addKeyword(keyword);
  ajv.addSchema(document, DOCUMENT_ID);

  const validatorFor = (parts: string[]) => {
    const validate = ajv.getSchema(`${DOCUMENT_ID}#/${pointer(parts)}`);
    if (!validate) throw new Error(`No schema at ${parts.join(" > ")}`);
    return validate;
  };

  /** What is wrong with an answer to `method path` (empty when it is as documented). */
  return function problemsOf({ method, path, operation }: DocumentedOperation, answer: ApiAnswer): string[] {
    const status = String(answer.status);
    const documented = operation.responses[status];
    if (!documented) return [`${status} is not a documented answer (documented: ${Object.keys(operation.responses).join(", ")}); body: ${JSON.stringify(answer.body).slice(0, 300)}`];
    const problems: string[] = [];
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      if (header.required && !answer.headers.has(name)) problems.push(`the required header ${name} is missing`);
    }
    const mediaType = (answer.headers.get("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    const content = documented.content ?? {};
    if (Object.keys(content).length === 0) {
      if (answer.body !== "") problems.push(`${status} documents no body, but one came (${mediaType})`);
      return problems;
    }
    const key = Object.keys(content).find((type) => type === mediaType) ?? Object.keys(content).find((type) => mediaRangeMatches(type, mediaType));
    if (!key) return [...problems, `${status} came as ${mediaType || "no media type"}; documented: ${Object.keys(content).join(", ")}`];
    const schema = content[key]?.schema;
    const binary = schema?.format === "binary" || !/json/.test(key);
    if (!schema || binary) return problems;
    const validate = validatorFor(["paths", path, method.toLowerCase(), "responses", status, "content", key, "schema"]);
    if (!validate(answer.body)) problems.push(`the ${status} ${key} body does not match its schema: ${ajv.errorsText(validate.errors)}; body: ${JSON.stringify(answer.body).slice(0, 300)}`);
    return problems;
  };
}

function mediaRangeMatches(range: string, type: string): boolean {
  if (range === "*/*") return true;
  return range.endsWith("/*") && type.startsWith(range.slice(0, -1));
}

/** The JSON request body's schema, with a top-level reference followed. */
export function jsonBodySchema(document: OpenApiDocument, operation: OperationObject): JsonSchema | null {
  const schema = operation.requestBody?.content["application/json"]?.schema;
  return schema ? resolve(document, schema) : null;
}

function resolve(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const ref = schema.$ref;
  if (typeof ref !== "string") return schema;
  const name = ref.replace("#/components/schemas/", "");
  const target = document.components?.schemas?.[name];
  if (!target) throw new Error(`Unresolvable reference ${ref}`);
  return resolve(document, target);
}

/** The JSON types a schema admits (all of them when it says nothing). */
function admittedTypes(document: OpenApiDocument, raw: JsonSchema): Set<string> {
  const schema = resolve(document, raw);
  const alternatives = [schema.anyOf, schema.oneOf].find(Array.isArray) as JsonSchema[] | undefined;
  if (alternatives) return new Set(alternatives.flatMap((alternative) => [...admittedTypes(document, alternative)]));
  if (Array.isArray(schema.enum)) return new Set(schema.enum.map((value) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value)));
  const type = schema.type;
  if (typeof type === "string") return new Set(type === "integer" ? ["number"] : [type]);
  if (Array.isArray(type)) return new Set(type.map((t) => (t === "integer" ? "number" : String(t))));
  return new Set(["string", "number", "boolean", "object", "array", "null"]);
}

const wrongValues: [string, unknown][] = [
  ["object", { not: "this" }],
  ["number", 12345],
  ["boolean", true],
  ["string", "wrong"],
];

/** A value the property's schema refuses by its JSON type, or undefined when it admits any. */
export function wrongValueFor(document: OpenApiDocument, schema: JsonSchema): unknown {
  const admitted = admittedTypes(document, schema);
  return wrongValues.find(([type]) => !admitted.has(type))?.[1];
}
