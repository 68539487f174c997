/**
 * Webhook endpoints as admins manage them, on the admin page and through the
 * REST API alike: list, read, create, edit, delete and rotate the signing
 * secret. The secret leaves this module only in the answers of
 * createWebhookEndpoint and rotateWebhookSecret; every other read names its
 * columns, so it cannot slip into a list by accident.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { count, desc, eq, sql } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints, webhookEventTypes, type WebhookDeliveryStatus, type WebhookEventType } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { AppError, FIELD_ERRORS_MESSAGE } from "@/server/errors";
import { knownDestinationProblem } from "./safe-destination";

/** The bounds of an endpoint; the input schemas and the admin form read them from here. */
export const webhookEndpointLimits = {
  urlMaxLength: 2000,
  descriptionMaxLength: 500,
  /** Endpoints in the whole workspace: each event is one outbox row per endpoint. */
  maxEndpoints: 50,
  /** How long receivers may still verify with the secret before the last rotation. */
  previousSecretHours: 24,
} as const;

// Namespace for the advisory lock that serializes creation, so two admins at once cannot both take the 50th place.
const endpointCountLock = 4_217_013;

export interface WebhookEndpointFields {
  url: string;
  description: string;
  events: WebhookEventType[];
  includeInternalNotes: boolean;
  enabled: boolean;
}

/** enabled; switched off by an admin; or switched off by the delivery worker after failing for a day. */
export type WebhookEndpointStatus = "enabled" | "disabled" | "disabled_after_failures";

export interface WebhookEndpointView {
  id: string;
  url: string;
  description: string;
  events: WebhookEventType[];
  includeInternalNotes: boolean;
  enabled: boolean;
  status: WebhookEndpointStatus;
  /** When deliveries started failing (null while they succeed). */
  failingSince: Date | null;
  /** Why the endpoint was switched off automatically. */
  disabledReason: string | null;
  /** Until when the secret before the last rotation still signs deliveries (null when none does). */
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The newest delivery, whatever its state. */
  lastDelivery: { id: string; eventType: string; status: WebhookDeliveryStatus; responseStatus: number | null; at: Date } | null;
}

export interface WebhookEndpointWithSecret {
  endpoint: WebhookEndpointView;
  /** The signing secret, "whsec_" + base64: returned this once. */
  secret: string;
}

/** A Standard Webhooks secret: "whsec_" and the base64 of 32 random bytes (the spec asks for 24 to 64). */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("base64")}`;
}

/**
 * What is wrong with a receiver's address as written, or null: an absolute
 * http(s) URL with a host, no user name or password (the signature, not the
 * address, proves who is calling, and the address is shown in lists) and no
 * #fragment (never sent). Where it points is checked again at each delivery.
 */
export function webhookUrlProblem(value: string): string | null {
  if (value.length > webhookEndpointLimits.urlMaxLength) return `Keep the address under ${webhookEndpointLimits.urlMaxLength.toLocaleString("en")} characters.`;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return "Enter the full address, starting with https://.";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "The address must start with https:// (or http://).";
  if (!url.hostname) return "The address needs a host name, as in https://example.com/webhooks.";
  if (/\s/.test(value)) return "The address cannot contain spaces.";
  if (url.username || url.password) return "Leave the user name and password out of the address: every delivery is signed with the endpoint's secret instead.";
  if (value.includes("#")) return "Leave the #fragment out of the address; it is never sent.";
  return null;
}

/**
 * The address check run on every save, before anything is written: its
 * syntax, then where it points when that is known without DNS (a private or
 * loopback IP, localhost; the delivery worker checks every resolved address
 * again). WEBHOOKS_ALLOW_PRIVATE lets private and loopback ones through.
 */
function checkDestination(url: string) {
  const problem = webhookUrlProblem(url) ?? knownDestinationProblem(url);
  if (problem) throw new AppError("INVALID", FIELD_ERRORS_MESSAGE, { fieldErrors: { url: [problem] } });
}

const gone = () => new AppError("NOT_FOUND", "That webhook endpoint no longer exists.");

/** The newest delivery of each endpoint, read from the (endpoint, created) index one row per endpoint. */
const lastDelivery = (db: DbOrTx) =>
  db
    .select({
      lastId: sql<string>`${webhookDeliveries.id}`.as("last_id"),
      lastEventType: sql<string>`${webhookDeliveries.eventType}`.as("last_event_type"),
      lastStatus: sql<WebhookDeliveryStatus>`${webhookDeliveries.status}`.as("last_status"),
      lastResponseStatus: sql<number | null>`${webhookDeliveries.responseStatus}`.as("last_response_status"),
      lastAt: sql<Date>`coalesce(${webhookDeliveries.lastAttemptAt}, ${webhookDeliveries.createdAt})`.mapWith(webhookDeliveries.createdAt).as("last_at"),
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.endpointId, webhookEndpoints.id))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(1)
    .as("last_delivery");

function selectEndpoints(db: DbOrTx) {
  const last = lastDelivery(db);
  return db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      description: webhookEndpoints.description,
      events: webhookEndpoints.events,
      includeInternalNotes: webhookEndpoints.includeInternalNotes,
      enabled: webhookEndpoints.enabled,
      failingSince: webhookEndpoints.failingSince,
      disabledReason: webhookEndpoints.disabledReason,
      previousSecretExpiresAt: sql<Date | null>`case when ${webhookEndpoints.previousSecretExpiresAt} > now() then ${webhookEndpoints.previousSecretExpiresAt} end`.mapWith(
        webhookEndpoints.previousSecretExpiresAt,
      ),
      createdAt: webhookEndpoints.createdAt,
      updatedAt: webhookEndpoints.updatedAt,
      lastId: last.lastId,
      lastEventType: last.lastEventType,
      lastStatus: last.lastStatus,
      lastResponseStatus: last.lastResponseStatus,
      lastAt: last.lastAt,
    })
    .from(webhookEndpoints)
    .leftJoinLateral(last, sql`true`)
    .$dynamic();
}

type EndpointRow = Awaited<ReturnType<ReturnType<typeof selectEndpoints>["execute"]>>[number];

function toView({ lastId, lastEventType, lastStatus, lastResponseStatus, lastAt, ...row }: EndpointRow): WebhookEndpointView {
  const status: WebhookEndpointStatus = row.enabled ? "enabled" : row.disabledReason ? "disabled_after_failures" : "disabled";
  return {
    ...row,
    status,
    lastDelivery: lastId && lastStatus && lastAt ? { id: lastId, eventType: lastEventType ?? "", status: lastStatus, responseStatus: lastResponseStatus, at: lastAt } : null,
  };
}

/** Every endpoint, oldest first (the order admins added them), with its newest delivery. */
export async function listWebhookEndpoints(db: DbOrTx): Promise<WebhookEndpointView[]> {
  const rows = await selectEndpoints(db).orderBy(webhookEndpoints.createdAt, webhookEndpoints.id);
  return rows.map(toView);
}

export async function getWebhookEndpoint(db: DbOrTx, id: string): Promise<WebhookEndpointView> {
  const [row] = await selectEndpoints(db).where(eq(webhookEndpoints.id, id));
  if (!row) throw gone();
  return toView(row);
}

/** Each event once, in the vocabulary's order, whatever order the request used. */
function cleanEvents(events: readonly WebhookEventType[]): WebhookEventType[] {
  return webhookEventTypes.filter((type) => events.includes(type));
}

/** A new endpoint and its secret (shown this once). Refuses a 51st endpoint. */
export async function createWebhookEndpoint(db: DbOrTx, input: WebhookEndpointFields): Promise<WebhookEndpointWithSecret> {
  checkDestination(input.url);
  const secret = newWebhookSecret();
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${endpointCountLock}::int, 0)`);
    const [existing] = await tx.select({ n: count() }).from(webhookEndpoints);
    if ((existing?.n ?? 0) >= webhookEndpointLimits.maxEndpoints) {
      throw new AppError("INVALID", `There are already ${webhookEndpointLimits.maxEndpoints} webhook endpoints, the most Frontdesk keeps. Delete one that is no longer used first.`);
    }
    const { id } = single(
      await tx
        .insert(webhookEndpoints)
        .values({
          url: input.url,
          description: input.description,
          events: cleanEvents(input.events),
          includeInternalNotes: input.includeInternalNotes,
          enabled: input.enabled,
          secret,
        })
        .returning({ id: webhookEndpoints.id }),
      "webhook endpoint",
    );
    return { endpoint: await getWebhookEndpoint(tx, id), secret };
  });
}

/**
 * Changes the fields given and leaves the others. Switching an endpoint back
 * on, or pointing it somewhere else, forgets its failures (the worker starts
 * counting a day again); switching it off by hand records no reason.
 */
export async function updateWebhookEndpoint(db: DbOrTx, input: { id: string } & Partial<WebhookEndpointFields>): Promise<WebhookEndpointView> {
  if (input.url !== undefined) checkDestination(input.url);
  const e = webhookEndpoints;
  const fresh = [
    input.enabled === true ? sql`not ${e.enabled}` : undefined,
    input.url !== undefined ? sql`${e.url} <> ${input.url}` : undefined,
  ].filter((condition) => condition !== undefined);
  const forgetFailures = fresh.length > 0 ? sql.join(fresh, sql` or `) : undefined;

  const [row] = await db
    .update(e)
    .set({
      url: input.url,
      description: input.description,
      events: input.events ? cleanEvents(input.events) : undefined,
      includeInternalNotes: input.includeInternalNotes,
      enabled: input.enabled,
      // The right-hand sides read the row as it was before this update.
      failingSince: forgetFailures ? sql`case when ${forgetFailures} then null else ${e.failingSince} end` : undefined,
      disabledReason:
        input.enabled === true ? null : input.enabled === false ? sql`case when ${e.enabled} then null else ${e.disabledReason} end` : undefined,
      updatedAt: sql`now()`,
    })
    .where(eq(e.id, input.id))
    .returning({ id: e.id });
  if (!row) throw gone();
  return getWebhookEndpoint(db, row.id);
}

/** Deletes the endpoint and, with it, its delivery log (deliveries still waiting are never sent). */
export async function deleteWebhookEndpoint(db: DbOrTx, id: string): Promise<{ id: string }> {
  const [row] = await db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)).returning({ id: webhookEndpoints.id });
  if (!row) throw gone();
  return row;
}

/**
 * A new signing secret (shown this once). Deliveries carry signatures with
 * both the new and the replaced secret for 24 hours, so receivers can switch
 * over without dropping any; a second rotation within that time replaces
 * the older secret, which then stops working at once.
 */
export async function rotateWebhookSecret(db: DbOrTx, id: string): Promise<WebhookEndpointWithSecret> {
  const secret = newWebhookSecret();
  const e = webhookEndpoints;
  const [row] = await db
    .update(e)
    .set({
      previousSecret: sql`${e.secret}`,
      previousSecretExpiresAt: sql`now() + make_interval(hours => ${webhookEndpointLimits.previousSecretHours}::int)`,
      secret,
      updatedAt: sql`now()`,
    })
    .where(eq(e.id, id))
    .returning({ id: e.id });
  if (!row) throw gone();
  return { endpoint: await getWebhookEndpoint(db, row.id), secret };
}
