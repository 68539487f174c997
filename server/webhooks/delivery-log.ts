/**
 * An endpoint's delivery log as admins read it (newest first, by status),
 * and the two things they do from it: send a test event, and send a delivery
 * again. Both only write outbox rows; the delivery worker sends them, with
 * the same signing, retries and address checks as every other event.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { tickets, webhookDeliveries, webhookEndpoints, type WebhookDeliveryStatus } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { cursorTime, decodeCursor, toPage, type Page } from "@/server/pagination";

/** The event type of a test delivery; it is sent to an endpoint whatever events it subscribes to. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

export interface WebhookDeliverySummary {
  id: string;
  endpointId: string;
  /** The `webhook-id` header: the same on every attempt and redelivery, so receivers can drop repeats. */
  messageId: string;
  eventType: string;
  status: WebhookDeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastAttemptAt: Date | null;
  responseStatus: number | null;
  responseBodyHead: string | null;
  lastError: string | null;
  durationMs: number | null;
  createdAt: Date;
  deliveredAt: Date | null;
  ticketNumber: number | null;
}

export interface WebhookDelivery extends WebhookDeliverySummary {
  /** The whole JSON body sent: { type, timestamp, data }. */
  payload: unknown;
}

const d = webhookDeliveries;

const summaryColumns = {
  id: d.id,
  endpointId: d.endpointId,
  messageId: d.messageId,
  eventType: d.eventType,
  status: d.status,
  attempts: d.attempts,
  nextAttemptAt: d.nextAttemptAt,
  lastAttemptAt: d.lastAttemptAt,
  responseStatus: d.responseStatus,
  responseBodyHead: d.responseBodyHead,
  lastError: d.lastError,
  durationMs: d.durationMs,
  createdAt: d.createdAt,
  deliveredAt: d.deliveredAt,
  ticketNumber: tickets.number,
};

const endpointGone = () => new AppError("NOT_FOUND", "That webhook endpoint no longer exists.");
const deliveryGone = () => new AppError("NOT_FOUND", "That delivery is no longer in the log.");

/** A fresh Standard Webhooks message id ("msg_" and 128 random bits). */
export function newWebhookMessageId(): string {
  return `msg_${randomBytes(16).toString("base64url")}`;
}

/** The endpoint's enabled flag, or NOT_FOUND. */
async function endpointEnabled(db: DbOrTx, endpointId: string, lock = false): Promise<boolean> {
  const query = db.select({ enabled: webhookEndpoints.enabled }).from(webhookEndpoints).where(eq(webhookEndpoints.id, endpointId));
  const [endpoint] = lock ? await query.for("share") : await query;
  if (!endpoint) throw endpointGone();
  return endpoint.enabled;
}

function refuseWhileDisabled(enabled: boolean, what: string) {
  if (!enabled) throw new AppError("CONFLICT", `This endpoint is switched off, so nothing is sent to it. Switch it on to ${what}.`);
}

/** One endpoint's deliveries, newest first, keyset-paged by (created, id); optionally only those in one state. */
export async function listDeliveries(
  db: DbOrTx,
  input: { endpointId: string; status?: WebhookDeliveryStatus; cursor?: string; limit: number },
): Promise<Page<WebhookDeliverySummary>> {
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  await endpointEnabled(db, input.endpointId);
  const conditions: (SQL | undefined)[] = [
    eq(d.endpointId, input.endpointId),
    input.status ? eq(d.status, input.status) : undefined,
    after ? sql`(${d.createdAt}, ${d.id}) < (${after.at}::timestamptz, ${after.id}::uuid)` : undefined,
  ];
  const rows = await db
    .select({ ...summaryColumns, cursorAt: cursorTime(d.createdAt) })
    .from(d)
    .leftJoin(tickets, eq(tickets.id, d.ticketId))
    .where(and(...conditions))
    .orderBy(desc(d.createdAt), desc(d.id))
    .limit(input.limit + 1);
  // createdAt is never null, so neither is its cursor time.
  return toPage(rows, input.limit, (row) => ({ at: row.cursorAt ?? row.createdAt.toISOString(), id: row.id }));
}

/** One delivery with the body it sends. */
export async function getDelivery(db: DbOrTx, id: string): Promise<WebhookDelivery> {
  const [row] = await db
    .select({ ...summaryColumns, payload: d.payload })
    .from(d)
    .leftJoin(tickets, eq(tickets.id, d.ticketId))
    .where(eq(d.id, id));
  if (!row) throw deliveryGone();
  return row;
}

/**
 * Queues a `webhook.test` event for the endpoint, due now, with a fresh
 * message id: { type, timestamp, data: { endpoint_id, message } }. Refused
 * while the endpoint is switched off (the worker holds its deliveries until it is switched on).
 */
export async function sendTestEvent(db: DbOrTx, endpointId: string): Promise<WebhookDelivery> {
  return db.transaction(async (tx) => {
    refuseWhileDisabled(await endpointEnabled(tx, endpointId, true), "send a test event");
    const payload = {
      type: WEBHOOK_TEST_EVENT,
      timestamp: new Date().toISOString(),
      data: { endpoint_id: endpointId, message: "A test event from Frontdesk: this endpoint is set up to receive webhooks." },
    };
    const { id } = single(
      await tx
        .insert(d)
        .values({ messageId: newWebhookMessageId(), endpointId, eventType: WEBHOOK_TEST_EVENT, payload })
        .returning({ id: d.id }),
      "webhook delivery",
    );
    return getDelivery(tx, id);
  });
}

/**
 * Sends a delivery again: back to pending, due now, attempts counted from
 * zero, with the same message id (so a receiver that already has it can
 * drop it). The last attempt's answer stays visible until the next one.
 * Refused while a worker is sending it, or while its endpoint is off.
 */
export async function redeliver(db: DbOrTx, deliveryId: string): Promise<WebhookDelivery> {
  return db.transaction(async (tx) => {
    const [current] = await tx.select({ endpointId: d.endpointId, status: d.status }).from(d).where(eq(d.id, deliveryId)).for("update");
    if (!current) throw deliveryGone();
    refuseWhileDisabled(await endpointEnabled(tx, current.endpointId, true), "send deliveries again");
    if (current.status === "delivering") throw new AppError("CONFLICT", "This delivery is being sent right now. Wait for the answer, then try again.");
    await tx.update(d).set({ status: "pending", attempts: 0, nextAttemptAt: sql`now()`, deliveredAt: null }).where(eq(d.id, deliveryId));
    return getDelivery(tx, deliveryId);
  });
}
