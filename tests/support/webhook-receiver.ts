import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { inArray } from "drizzle-orm";
import { webhookEndpoints, type WebhookEventType } from "@/db/schema";
import { single } from "@/db/rows";
import type { Db } from "@/db/types";

/** One request a receiver got. */
export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  body: string;
}

/** How a path answers; "hang" never does (until the receiver closes). */
type Answer = { status: number; body?: string; headers?: Record<string, string> } | "hang";

/**
 * A real HTTP receiver on 127.0.0.1 for webhook tests: it records every
 * request, by path, and answers 200 "ok" unless told otherwise for a path.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const answers = new Map<string, (request: ReceivedWebhook) => Answer>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(", ") : (value ?? "")]));
      const request = { path: req.url ?? "/", headers, body: Buffer.concat(chunks).toString("utf8") };
      received.push(request);
      const answer = answers.get(request.path)?.(request) ?? { status: 200, body: "ok" };
      if (answer === "hang") return;
      res.writeHead(answer.status, { "content-type": "text/plain", ...answer.headers });
      res.end(answer.body ?? "");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    port,
    received,
    /** A fresh path on this receiver, answered by `answer` (200 "ok" by default). */
    path(answer?: (request: ReceivedWebhook) => Answer): string {
      const path = `/hooks/${crypto.randomUUID()}`;
      if (answer) answers.set(path, answer);
      return path;
    },
    at: (path: string) => received.filter((request) => request.path === path),
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;

/** A Standard Webhooks secret, as endpoints get them. */
export function testWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(32).toString("base64")}`;
}

/** An enabled endpoint, inserted directly (the admin functions are tested on their own). */
export async function createTestEndpoint(db: Db, options: { url: string; events: WebhookEventType[]; includeInternalNotes?: boolean }) {
  const secret = testWebhookSecret();
  return single(
    await db
      .insert(webhookEndpoints)
      .values({ url: options.url, events: options.events, includeInternalNotes: options.includeInternalNotes ?? false, secret, description: "test" })
      .returning(),
    "webhook endpoint",
  );
}

/** Switches endpoints off, so later tests' tickets do not fan out to them. */
export async function switchOffEndpoints(db: Db, ids: string[]) {
  if (ids.length) await db.update(webhookEndpoints).set({ enabled: false }).where(inArray(webhookEndpoints.id, ids));
}
