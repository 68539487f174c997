import "server-only";
import { and, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { users, webhookEndpoints } from "@/db/schema";
import type { Db, DbOrTx } from "@/db/types";
import { enqueueEmail } from "@/server/email/outbox";
import { env } from "@/server/env";

/**
 * Whether an endpoint is healthy: `failingSince` is set by the first failed
 * attempt after a success and cleared by the next success. An endpoint whose
 * every attempt has failed for a day is switched off (with the reason) and
 * every active admin is emailed, once: only the transaction whose update
 * switches it off sends the emails.
 */
export const ENDPOINT_FAILURE_HOURS = 24;

const e = webhookEndpoints;

/** A 2xx answer: the endpoint is healthy again. */
export async function recordEndpointSuccess(db: DbOrTx, endpointId: string): Promise<void> {
  await db.update(e).set({ failingSince: null }).where(and(eq(e.id, endpointId), isNotNull(e.failingSince)));
}

/** A failed attempt: starts the endpoint's failing time, and switches it off when that is a day old. Returns whether it did. */
export async function recordEndpointFailure(db: Db, endpointId: string, lastError: string): Promise<{ disabled: boolean }> {
  return db.transaction(async (tx) => {
    await tx.update(e).set({ failingSince: sql`now()` }).where(and(eq(e.id, endpointId), isNull(e.failingSince)));
    // Locked: of two workers failing at once, the second finds it switched off already.
    const [endpoint] = await tx
      .select({ id: e.id, url: e.url, description: e.description, failingSince: e.failingSince })
      .from(e)
      .where(and(eq(e.id, endpointId), eq(e.enabled, true), lte(e.failingSince, sql`now() - make_interval(hours => ${ENDPOINT_FAILURE_HOURS})`)))
      .for("update");
    if (!endpoint?.failingSince) return { disabled: false };
    const { failingSince } = endpoint;
    const since = formatUtc(failingSince);
    const disabledReason = `Switched off by Frontdesk: every delivery failed for ${ENDPOINT_FAILURE_HOURS} hours (since ${since}). Last error: ${lastError.slice(0, 300)}`;
    await tx.update(e).set({ enabled: false, disabledReason, updatedAt: sql`now()` }).where(eq(e.id, endpointId));
    await notifyAdminsOfDisabledEndpoint(tx, { ...endpoint, failingSince, failingSinceLabel: since, lastError });
    return { disabled: true };
  });
}

/** "Mon 3 Nov, 14:00 UTC". */
function formatUtc(at: Date): string {
  const text = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  return `${text} UTC`;
}

async function notifyAdminsOfDisabledEndpoint(
  tx: DbOrTx,
  endpoint: { id: string; url: string; description: string; failingSince: Date; failingSinceLabel: string; lastError: string },
): Promise<void> {
  const admins = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.role, "admin"), isNull(users.disabledAt)));
  for (const admin of admins) {
    await enqueueEmail(tx, {
      template: "webhook-disabled",
      props: {
        adminName: admin.name,
        endpointUrl: endpoint.url,
        description: endpoint.description,
        failingSinceLabel: endpoint.failingSinceLabel,
        lastError: endpoint.lastError,
        url: `${env.APP_URL}/desk/admin/webhooks/${endpoint.id}`,
      },
      to: admin.email,
      // Once per admin for this stretch of failures (switching it on again starts a new one).
      idempotencyKey: `webhook-disabled:${endpoint.id}:${endpoint.failingSince.toISOString()}:${admin.id}`,
    });
  }
}
