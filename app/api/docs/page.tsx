import type { Metadata } from "next";
import Link from "next/link";
import { FieldTable } from "@/components/api-docs/field-table";
import { apiReference, type ReferenceOperation } from "@/server/api/openapi-reference";

export const metadata: Metadata = { title: "API reference", description: "Frontdesk REST API v1: tickets, messages, people, reports and webhooks." };

const methodColors: Record<string, string> = {
  GET: "bg-accent-soft text-accent",
  POST: "bg-success-soft text-success",
  PATCH: "bg-warning-soft text-warning",
  DELETE: "bg-danger-soft text-danger",
};

/** The API reference, rendered on the server from the generated OpenAPI document (no script, no third-party assets). */
export default function ApiDocsPage() {
  const reference = apiReference();
  return (
    <div className="mx-auto max-w-5xl px-4 py-8 sm:px-6">
      <header className="mb-8 space-y-3">
        <p className="text-sm font-semibold tracking-wide text-muted uppercase">
          <Link href="/" className="hover:underline">
            Frontdesk
          </Link>
        </p>
        <h1 className="text-2xl font-semibold">
          {reference.info.title} <span className="text-base font-normal text-muted">v{reference.info.version}</span>
        </h1>
        <p className="max-w-3xl text-sm text-muted">{reference.info.description}</p>
        <p className="text-sm">
          <a className="text-accent underline" href="/api/v1/openapi.json">
            openapi.json
          </a>{" "}
          (OpenAPI 3.1, for code generators and API clients) ·{" "}
          <Link className="text-accent underline" href="/settings/tokens">
            Create a token
          </Link>
        </p>
      </header>

      <section aria-labelledby="basics" className="mb-10 space-y-3 rounded-xl border border-border bg-surface p-5 text-sm">
        <h2 id="basics" className="text-lg font-semibold">
          Basics
        </h2>
        <ul className="list-disc space-y-1.5 pl-5">
          <li>
            Every request carries <code className="font-mono">Authorization: Bearer fd_…</code>. A token acts as its owner (their role, and only the tickets
            they may see) and only within its scopes.
          </li>
          <li id="problem-invalid">
            Errors are <code className="font-mono">application/problem+json</code> (RFC 9457) with a <code className="font-mono">code</code>; a 422 lists the
            fields at fault in <code className="font-mono">errors</code>.
          </li>
          <li>
            Send <code className="font-mono">Idempotency-Key</code> with a POST: the same key and body within 24 hours returns the first answer and changes
            nothing; the same key with another body is refused (422).
          </li>
          <li id="problem-rate-limited">
            Each token may make a set number of requests a minute; the <code className="font-mono">RateLimit-*</code> headers say how many are left, and a 429
            says when to retry in <code className="font-mono">Retry-After</code>.
          </li>
          <li>
            Lists page with a cursor: follow <code className="font-mono">next</code> until it is null. For incremental sync, list tickets with{" "}
            <code className="font-mono">updated_since</code> (oldest change first) and keep the time of the last one you saw.
          </li>
          <li>Webhooks are signed with Standard Webhooks headers (webhook-id, webhook-timestamp, webhook-signature); see the README for verifying them.</li>
        </ul>
      </section>

      <nav aria-label="API sections" className="mb-8 flex flex-wrap gap-2 text-sm">
        {reference.tags.map((tag) => (
          <a key={tag.name} href={`#${anchor(tag.name)}`} className="rounded-full border border-border px-3 py-1 hover:bg-surface-muted">
            {tag.name}
          </a>
        ))}
      </nav>

      {reference.tags.map((tag) => (
        <section key={tag.name} aria-labelledby={anchor(tag.name)} className="mb-12 space-y-6">
          <h2 id={anchor(tag.name)} className="border-b border-border pb-2 text-xl font-semibold">
            {tag.name}
          </h2>
          {tag.operations.map((operation) => (
            <OperationCard key={operation.id} operation={operation} />
          ))}
        </section>
      ))}
    </div>
  );
}

function OperationCard({ operation }: { operation: ReferenceOperation }) {
  return (
    <article id={operation.id} aria-labelledby={`${operation.id}-title`} className="space-y-4 rounded-xl border border-border bg-surface p-5">
      <header className="space-y-1">
        <h3 id={`${operation.id}-title`} className="flex flex-wrap items-center gap-2 font-mono text-sm">
          <span className={`rounded px-2 py-0.5 text-xs font-bold ${methodColors[operation.method] ?? ""}`}>{operation.method}</span>
          <span className="break-all">{operation.path.startsWith("/") ? `/api/v1${operation.path}` : operation.path}</span>
        </h3>
        <p className="font-medium">{operation.summary}</p>
        {operation.description ? <p className="text-sm text-muted">{operation.description}</p> : null}
        <p className="text-xs text-muted">
          {operation.path.startsWith("(") ? (
            "Frontdesk sends this to your endpoint, signed (see Basics)."
          ) : operation.scope ? (
            <>
              Scope <code className="font-mono">{operation.scope}</code> · owner at least <code className="font-mono">{operation.role}</code>
            </>
          ) : (
            "No token needed."
          )}
        </p>
      </header>
      <FieldTable caption="Parameters" rows={operation.parameters} location />
      {operation.body ? <FieldTable caption={`Body (${operation.body.contentType})`} rows={operation.body.fields} /> : null}
      <div className="space-y-2">
        <p className="text-xs font-semibold tracking-wide text-muted uppercase">Responses</p>
        <ul className="space-y-1 text-sm">
          {operation.responses.map((response) => (
            <li key={response.status} className="grid grid-cols-[2.5rem_1fr] gap-2">
              <span className={`font-mono text-xs font-semibold ${response.status.startsWith("2") ? "text-success" : "text-danger"}`}>{response.status}</span>
              <span className="text-muted">
                {response.description}
                {response.schemaName ? <span className="font-mono text-xs"> · {response.schemaName}</span> : null}
              </span>
            </li>
          ))}
        </ul>
        {operation.responses
          .filter((response) => response.fields.length > 0)
          .map((response) => (
            <FieldTable key={response.status} caption={`${response.status} ${response.schemaName ?? "body"}`} rows={response.fields} />
          ))}
      </div>
    </article>
  );
}

function anchor(tag: string): string {
  return `tag-${tag.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
}
