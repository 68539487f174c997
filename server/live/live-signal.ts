import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { ticketCcs, tickets } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { messageKinds } from "@/lib/vocabularies";

/**
 * The live signal: a PostgreSQL NOTIFY on one channel, sent inside the
 * transaction that changed a ticket. PostgreSQL (and PGlite, which is
 * PostgreSQL) delivers it to listeners only when that transaction commits,
 * and never when it rolls back, so a live page never hears of a change that
 * did not happen. Every app process listens (server/live/live-listener.ts),
 * so a change made on one process, or by the worker, reaches pages on all.
 *
 * The payload carries only what deciding who may hear it needs (the ticket's
 * requester, organization and CCs, the message's kind) and what the page needs
 * to refetch; never ticket or message content.
 */
export const LIVE_CHANNEL = "frontdesk_live";

/** What a writer says happened; the ticket's identity and scope are read in the same statement. */
export type LiveSignal =
  | { event: "ticket" }
  | { event: "message"; kind: (typeof messageKinds)[number]; authorId: string | null }
  | { event: "presence" };

const scope = {
  ticketId: z.string().max(64),
  number: z.number().int(),
  requesterId: z.string().max(64),
  organizationId: z.string().max(64).nullable(),
  /** The users copied on the ticket (ticket-scope: they may see it). Bounded by maxCcsPerTicket. */
  ccIds: z.array(z.string().max(64)).max(100).optional(),
  version: z.number().int(),
};

/** A signal as heard by a listener: parsed defensively, since anyone with database access can NOTIFY. */
export const liveNoticeSchema = z.discriminatedUnion("event", [
  z.object({ event: z.literal("ticket"), ...scope }),
  z.object({ event: z.literal("message"), kind: z.enum(messageKinds), authorId: z.string().max(64).nullable(), ...scope }),
  z.object({ event: z.literal("presence"), ...scope }),
]);
export type LiveNotice = z.infer<typeof liveNoticeSchema>;

/** Sends the signal for one ticket, heard after the surrounding transaction commits. One round trip. */
export async function notifyLive(tx: DbOrTx, ticketId: string, signal: LiveSignal): Promise<void> {
  await tx.execute(sql`
    select pg_notify(${LIVE_CHANNEL}, (${JSON.stringify(signal)}::jsonb || jsonb_build_object(
      'ticketId', ${tickets.id}, 'number', ${tickets.number}, 'requesterId', ${tickets.requesterId},
      'organizationId', ${tickets.organizationId}, 'version', ${tickets.version},
      'ccIds', array(select ${ticketCcs.userId} from ${ticketCcs} where ${ticketCcs.ticketId} = ${tickets.id})))::text)
    from ${tickets} where ${tickets.id} = ${ticketId}`);
}

/** Parses a NOTIFY payload; null for anything that is not a live notice (a liveness ping, or junk). */
export function parseLiveNotice(payload: string): LiveNotice | null {
  let value: unknown;
  try {
    value = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = liveNoticeSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}
