import "server-only";
import { buildOpenApiDocument } from "./openapi-document";
import { apiRoutes } from "./routes";

/**
 * The API reference page (/api/docs) reads the generated OpenAPI document,
 * flattened here into what a person scans: operations by tag, and each
 * schema as rows of fields with their types. Being read from the document,
 * the page can never say something the API does not do.
 */
interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
}

export interface FieldRow {
  name: string;
  depth: number;
  type: string;
  required: boolean;
  description: string;
}

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  scope: string | null;
  role: string | null;
  parameters: (FieldRow & { location: string })[];
  body: { contentType: string; fields: FieldRow[] } | null;
  responses: { status: string; description: string; contentType: string | null; schemaName: string | null; fields: FieldRow[] }[];
}

interface OperationObject {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  "x-required-scope"?: string;
  "x-required-role"?: string;
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }[];
  requestBody?: { content: Record<string, { schema?: JsonSchema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema?: JsonSchema }> }>;
}

interface Document {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OperationObject>>;
  webhooks?: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const refName = (ref: string) => ref.split("/").pop() ?? ref;

function describeType(schema: JsonSchema, components: Record<string, JsonSchema>): string {
  if (schema.$ref) return refName(schema.$ref);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.map((variant) => describeType(variant, components)).join(" | ");
  if (schema.enum) return schema.enum.map((value) => JSON.stringify(value)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types
    .map((type) => {
      if (type === "array") return `${schema.items ? describeType(schema.items, components) : "any"}[]`;
      if (type === "string" && schema.format) return `string (${schema.format})`;
      return type;
    })
    .join(" | ") || "any";
}

function limits(schema: JsonSchema): string {
  const parts: string[] = [];
  if (schema.minLength !== undefined || schema.maxLength !== undefined) parts.push(`${schema.minLength ?? 0}–${schema.maxLength ?? "∞"} characters`);
  // zod gives every integer the safe-integer bounds: only real limits are worth a word.
  const bound = (value: number | undefined) => (value !== undefined && Math.abs(value) < Number.MAX_SAFE_INTEGER ? value : undefined);
  const [minimum, maximum] = [bound(schema.minimum), bound(schema.maximum)];
  if (minimum !== undefined || maximum !== undefined) parts.push(`${minimum ?? "−∞"} to ${maximum ?? "∞"}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join("; ");
}

/** The fields of an object schema as rows, nested objects indented (a $ref is named, not expanded, to keep pages short). */
function fieldRows(schema: JsonSchema | undefined, components: Record<string, JsonSchema>, depth = 0): FieldRow[] {
  if (!schema) return [];
  const resolved = schema.$ref && depth === 0 ? components[refName(schema.$ref)] : schema;
  if (!resolved?.properties) return [];
  const required = new Set(resolved.required ?? []);
  return Object.entries(resolved.properties).flatMap(([name, property]) => {
    const nested = property.type === "object" || (Array.isArray(property.type) && property.type.includes("object")) ? fieldRows(property, components, depth + 1) : [];
    const extra = limits(property);
    return [
      { name, depth, type: describeType(property, components), required: required.has(name), description: [property.description, extra].filter(Boolean).join(" · ") },
      ...nested,
    ];
  });
}

export function apiReference() {
  const document = buildOpenApiDocument(apiRoutes) as unknown as Document;
  const components = document.components?.schemas ?? {};
  const byTag = new Map<string, ReferenceOperation[]>();
  // Webhook events are listed like operations, with the endpoint's address as their path.
  const entries = [...Object.entries(document.paths), ...Object.entries(document.webhooks ?? {}).map(([, item]) => ["(your webhook endpoint)", item] as const)];
  for (const [path, item] of entries) {
    for (const [method, operation] of Object.entries(item)) {
      const [bodyType, body] = Object.entries(operation.requestBody?.content ?? {})[0] ?? [];
      const entry: ReferenceOperation = {
        id: operation.operationId,
        method: method.toUpperCase(),
        path,
        summary: operation.summary ?? "",
        description: operation.description ?? "",
        scope: operation["x-required-scope"] ?? null,
        role: operation["x-required-role"] ?? null,
        parameters: (operation.parameters ?? []).map((parameter) => ({
          name: parameter.name,
          location: parameter.in,
          depth: 0,
          type: parameter.schema ? describeType(parameter.schema, components) : "string",
          required: Boolean(parameter.required),
          description: [parameter.description ?? parameter.schema?.description, parameter.schema ? limits(parameter.schema) : ""].filter(Boolean).join(" · "),
        })),
        body: bodyType ? { contentType: bodyType, fields: fieldRows(body?.schema, components) } : null,
        responses: Object.entries(operation.responses).map(([status, response]) => {
          const [contentType, content] = Object.entries(response.content ?? {})[0] ?? [];
          return {
            status,
            description: response.description,
            contentType: contentType ?? null,
            schemaName: content?.schema?.$ref ? refName(content.schema.$ref) : null,
            fields: status.startsWith("2") ? fieldRows(content?.schema, components) : [],
          };
        }),
      };
      const tag = operation.tags?.[0] ?? "Other";
      byTag.set(tag, [...(byTag.get(tag) ?? []), entry]);
    }
  }
  return { info: document.info, tags: [...byTag].map(([name, operations]) => ({ name, operations })) };
}
