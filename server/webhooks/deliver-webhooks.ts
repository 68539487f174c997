import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { webhookDeliveries } from "@/db/schema";
import { rowsOf } from "@/db/rows";
import type { Db } from "@/db/types";
import { webhookEventTypes } from "@/lib/vocabularies";
import { env } from "@/server/env";
import { recordEndpointFailure, recordEndpointSuccess } from "./endpoint-health";
import { postToWebhook, type WebhookAnswer } from "./safe-destination";
import { webhookEventData } from "./webhook-events";

/**
 * The webhook outbox's worker. Due rows are claimed with SKIP LOCKED, so any
 * number of workers can run without sending one delivery twice at once; a
 * claim its worker never finished (a crash) expires and the row is tried
 * again, with the same `webhook-id`, which receivers use to drop repeats.
 *
 * Each attempt is a POST signed per Standard Webhooks with the endpoint's
 * secret (and, during a rotation's overlap, its previous one too), answered
 * within 10 s. A 2xx succeeds; anything else is retried after 5 s, 5 min,
 * 30 min, 2 h, 5 h, 10 h and 10 h (8 attempts over about 27 hours), then the
 * delivery is failed. Deliveries to a switched-off endpoint wait, attempts
 * untouched, and go out when it is switched on again.
 *
 * Within a pass, one endpoint's deliveries go one at a time, oldest first
 * (different endpoints in parallel); after a failure the endpoint's other
 * deliveries are handed back for the next pass, so a dead receiver costs one
 * timeout per pass, and no pass outlives its claims.
 */
export const webhookRetryDelaysSeconds = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];
export const webhookMaxAttempts = webhookRetryDelaysSeconds.length + 1;
export const WEBHOOK_TIMEOUT_MS = 10_000;

// A claim expires after this long: longer than a pass may run (below) plus one request.
const CLAIM_TIMEOUT_SECONDS = 120;
// A pass starts no new request after this long; what is left is handed back.
const PASS_BUDGET_MS = 60_000;

const userAgent = `Frontdesk-Webhooks/1.0 (+${env.APP_URL})`;

type ClaimedDelivery = {
  id: string;
  message_id: string;
  endpoint_id: string;
  payload: unknown;
  attempts: number;
  created_at: Date | string;
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | string | null;
};

export interface DeliveryOptions {
  limit?: number;
  /** Only these deliveries, if due (tests, which share a database with other tests' endpoints and events). */
  deliveryIds?: string[];
  /** Defaults to WEBHOOKS_ALLOW_PRIVATE; tests pass it. */
  allowPrivate?: boolean;
  timeoutMs?: number;
}

export interface DeliveryOutcome {
  succeeded: number;
  retried: number;
  failed: number;
  /** Claimed but handed back unsent (after an earlier failure to the same endpoint, or at the end of the pass's time). */
  deferred: number;
}

export async function deliverDueWebhooks(db: Db, options: DeliveryOptions = {}): Promise<DeliveryOutcome> {
  const claimed = await claimDueDeliveries(db, options);
  const outcome: DeliveryOutcome = { succeeded: 0, retried: 0, failed: 0, deferred: 0 };
  const byEndpoint = new Map<string, ClaimedDelivery[]>();
  // Claimed oldest event first, so each endpoint's list is in event order.
  for (const row of claimed) byEndpoint.set(row.endpoint_id, [...(byEndpoint.get(row.endpoint_id) ?? []), row]);
  const started = Date.now();
  await Promise.all(
    [...byEndpoint.values()].map(async (rows) => {
      for (const [index, row] of rows.entries()) {
        if (Date.now() - started > PASS_BUDGET_MS) {
          outcome.deferred += await handBack(db, rows.slice(index));
          return;
        }
        const result = await attemptDelivery(db, row, options);
        outcome[result]++;
        if (result !== "succeeded") {
          outcome.deferred += await handBack(db, rows.slice(index + 1));
          return;
        }
      }
    }),
  );
  return outcome;
}

async function claimDueDeliveries(db: Db, options: DeliveryOptions): Promise<ClaimedDelivery[]> {
  if (options.deliveryIds?.length === 0) return [];
  const only = options.deliveryIds ? sql`and due.id in (${sql.join(options.deliveryIds.map((id) => sql`${id}::uuid`), sql`, `)})` : sql``;
  return rowsOf<ClaimedDelivery>(
    await db.execute(sql`
      update webhook_deliveries as d
      set status = 'delivering', attempts = d.attempts + 1, next_attempt_at = now() + make_interval(secs => ${CLAIM_TIMEOUT_SECONDS})
      from webhook_endpoints as e
      where e.id = d.endpoint_id and d.id in (
        select due.id from webhook_deliveries as due
        join webhook_endpoints as target on target.id = due.endpoint_id
        where due.status in ('pending', 'delivering') and due.next_attempt_at <= now() and target.enabled ${only}
        order by due.next_attempt_at
        limit ${options.limit ?? 50}
        for update of due skip locked
      )
      returning d.id, d.message_id, d.endpoint_id, d.payload, d.attempts, d.created_at, e.url, e.secret, e.previous_secret, e.previous_secret_expires_at
    `),
  ).sort((a, b) => new Date(a.created_at).getTime() - new Date(b.created_at).getTime());
}

/** Releases claimed rows unsent: due again at once, their attempt not counted. */
async function handBack(db: Db, rows: ClaimedDelivery[]): Promise<number> {
  for (const row of rows) {
    await db
      .update(webhookDeliveries)
      .set({ status: "pending", attempts: row.attempts - 1, nextAttemptAt: sql`now()` })
      .where(and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.status, "delivering"), eq(webhookDeliveries.attempts, row.attempts)));
  }
  return rows.length;
}

/**
 * The body as sent: the stored event with its fields in reading order (jsonb
 * keeps keys in its own order; the event's schema puts them back in the
 * resource's). An event the schemas do not know (a test event) goes as stored.
 */
function bodyOf(payload: unknown): string {
  const event = (typeof payload === "string" ? JSON.parse(payload) : payload) as { type: string; timestamp: string; data: unknown };
  const schema = webhookEventTypes.find((type) => type === event.type);
  const parsed = schema ? webhookEventData[schema].safeParse(event.data) : null;
  return JSON.stringify({ type: event.type, timestamp: event.timestamp, data: parsed?.success ? parsed.data : event.data });
}

/** The secrets to sign with: the current one, and the previous one while its overlap lasts. */
function signingSecrets(row: ClaimedDelivery, now: Date): string[] {
  const expires = row.previous_secret_expires_at ? new Date(row.previous_secret_expires_at) : null;
  return row.previous_secret && expires && expires > now ? [row.secret, row.previous_secret] : [row.secret];
}

/** Standard Webhooks headers; several signatures are space-separated, and a receiver accepts any one it can verify. */
export function webhookHeaders(messageId: string, body: string, secrets: string[], at: Date): Record<string, string> {
  return {
    "content-type": "application/json",
    "user-agent": userAgent,
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": secrets.map((secret) => new Webhook(secret).sign(messageId, at, body)).join(" "),
  };
}

/** What a non-2xx answer or an error says, for the delivery log. */
function failureOf(answer: WebhookAnswer | null, error: unknown): string {
  if (!answer) return error instanceof Error ? error.message.slice(0, 1000) : "The request failed.";
  if (answer.status >= 300 && answer.status < 400) {
    return `HTTP ${answer.status}: redirects are not followed; point the endpoint at ${answer.location ?? "the final address"} instead.`;
  }
  return `HTTP ${answer.status}`;
}

async function attemptDelivery(db: Db, row: ClaimedDelivery, options: DeliveryOptions): Promise<"succeeded" | "retried" | "failed"> {
  const now = new Date();
  const started = performance.now();
  let answer: WebhookAnswer | null = null;
  let error: unknown = null;
  // Everything that can go wrong is inside: a failure is recorded and retried, never left claimed.
  try {
    const body = bodyOf(row.payload);
    answer = await postToWebhook(row.url, body, webhookHeaders(row.message_id, body, signingSecrets(row, now), now), {
      allowPrivate: options.allowPrivate ?? env.WEBHOOKS_ALLOW_PRIVATE,
      timeoutMs: options.timeoutMs ?? WEBHOOK_TIMEOUT_MS,
    });
  } catch (caught) {
    error = caught;
  }
  const recorded = {
    lastAttemptAt: sql`now()`,
    durationMs: Math.round(performance.now() - started),
    responseStatus: answer?.status ?? null,
    responseBodyHead: answer?.bodyHead ?? null,
  };
  // Only while the claim is still this worker's (it has not expired and been taken again).
  const stillClaimed = and(eq(webhookDeliveries.id, row.id), eq(webhookDeliveries.status, "delivering"), eq(webhookDeliveries.attempts, row.attempts));

  if (answer && answer.status >= 200 && answer.status < 300) {
    await db.update(webhookDeliveries).set({ ...recorded, status: "succeeded", lastError: null, deliveredAt: sql`now()` }).where(stillClaimed);
    await recordEndpointSuccess(db, row.endpoint_id);
    return "succeeded";
  }
  const lastError = failureOf(answer, error);
  const delay = webhookRetryDelaysSeconds[row.attempts - 1];
  await db
    .update(webhookDeliveries)
    .set(
      delay === undefined
        ? { ...recorded, status: "failed", lastError }
        : { ...recorded, status: "pending", lastError, nextAttemptAt: sql`now() + make_interval(secs => ${delay})` },
    )
    .where(stillClaimed);
  await recordEndpointFailure(db, row.endpoint_id, lastError);
  return delay === undefined ? "failed" : "retried";
}
