import "server-only";
import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { attachments, messages, ticketEvents, tickets, type TicketStatus } from "@/db/schema";
import type { Db, Tx } from "@/db/types";
import { AppError } from "@/server/errors";
import { syncTicketSla } from "@/server/sla/ticket-sla";
import type { SessionUser } from "@/server/users/session-user";
import { resolutionTimestamps } from "@/lib/status-machine";
import { ticketStatuses } from "@/lib/vocabularies";
import { lockVisibleTicket, touch, type LockedTicket } from "./lock-ticket";
import { recordEvents } from "./ticket-events";

/**
 * Merges a duplicate into another ticket: the duplicate's messages are copied
 * into the target's thread (keeping author, kind and time, and naming the
 * message each copy came from), the duplicate is closed with a note pointing
 * at the target, and both timelines record it. For a short while the agent
 * who merged can undo it (undoMerge): the copies are exactly the rows that
 * name a message of the duplicate, so nothing else in the target is touched.
 */

/** How long after a merge the agent who did it may undo it. */
export const UNDO_MERGE_MINUTES = 10;

/** Why `source` cannot be merged into `target`, or null when it can: one rule for the preview and the merge. */
export function mergeRefusal(source: Pick<LockedTicket, "number" | "status" | "mergedIntoNumber">, target: Pick<LockedTicket, "number" | "status" | "mergedIntoNumber">): string | null {
  if (source.number === target.number) return "A ticket cannot be merged into itself.";
  if (source.status === "closed") return `Ticket #${source.number} is closed and cannot be merged.`;
  if (target.mergedIntoNumber) return `Ticket #${target.number} was itself merged into #${target.mergedIntoNumber}: merge into #${target.mergedIntoNumber} instead.`;
  if (target.status === "closed") return `Ticket #${target.number} is closed: merge into an open ticket.`;
  return null;
}

/** Locks two tickets in number order, so two opposite merges (or a merge and its undo) cannot deadlock. */
async function lockPair(tx: Tx, actor: SessionUser, sourceNumber: number, targetNumber: number) {
  const sourceFirst = sourceNumber < targetNumber;
  const firstLocked = await lockVisibleTicket(tx, actor, sourceFirst ? sourceNumber : targetNumber);
  const secondLocked = await lockVisibleTicket(tx, actor, sourceFirst ? targetNumber : sourceNumber);
  return sourceFirst ? { source: firstLocked, target: secondLocked } : { source: secondLocked, target: firstLocked };
}

export async function mergeTicket(db: Db, actor: SessionUser, input: { sourceNumber: number; targetNumber: number }) {
  if (input.sourceNumber === input.targetNumber) throw new AppError("INVALID", "A ticket cannot be merged into itself.");
  return db.transaction(async (tx) => {
    const { source, target } = await lockPair(tx, actor, input.sourceNumber, input.targetNumber);
    const refusal = mergeRefusal(source, target);
    if (refusal) throw new AppError("INVALID", refusal);

    const now = new Date();
    const thread = await tx.select().from(messages).where(eq(messages.ticketId, source.id)).orderBy(asc(messages.createdAt), asc(messages.id));
    const files = thread.length ? await tx.select().from(attachments).where(inArray(attachments.messageId, thread.map((m) => m.id))) : [];
    // Another requester's public messages must not become visible to the
    // target's requester: across requesters they arrive as internal notes.
    const sameRequester = source.requesterId === target.requesterId;
    for (const m of thread) {
      const kind = sameRequester || m.kind !== "public" ? m.kind : "internal";
      const [copy] = await tx
        .insert(messages)
        .values({ ticketId: target.id, authorId: m.authorId, kind, body: m.body, createdAt: m.createdAt, copiedFromId: m.id })
        .returning({ id: messages.id });
      // The copy shares the stored bytes; only the rows are new.
      const own = files.filter((f) => f.messageId === m.id);
      if (copy && own.length) {
        await tx.insert(attachments).values(
          own.map((f) => ({
            ticketId: target.id,
            messageId: copy.id,
            uploaderId: f.uploaderId,
            fileName: f.fileName,
            contentType: f.contentType,
            size: f.size,
            sha256: f.sha256,
            storageKey: f.storageKey,
            createdAt: f.createdAt,
          })),
        );
      }
    }
    await tx.insert(messages).values([
      { ticketId: target.id, authorId: null, kind: "system", body: `Ticket #${source.number} (“${source.subject}”) was merged into this ticket.`, createdAt: now },
      { ticketId: source.id, authorId: actor.id, kind: "internal", body: `Merged into #${target.number}. Continue the conversation there.`, createdAt: now },
    ]);
    await tx
      .update(tickets)
      .set({ status: "closed", mergedIntoId: target.id, ...resolutionTimestamps(source.status, "closed", now), ...touch(now) })
      .where(eq(tickets.id, source.id));
    await tx.update(tickets).set(touch(now)).where(eq(tickets.id, target.id));
    await recordEvents(tx, source.id, actor.id, [
      { field: "merged_into", to: String(target.number) },
      { field: "status", from: source.status, to: "closed" },
    ], now);
    await recordEvents(tx, target.id, actor.id, [{ field: "merged_from", to: String(source.number) }], now);
    await syncTicketSla(tx, source.id, now);
    return { targetNumber: target.number, copiedMessages: thread.length };
  });
}

/**
 * Undoes a merge the actor made in the last UNDO_MERGE_MINUTES: the copies of
 * the duplicate's messages (and their attachment rows; the bytes stay with
 * the duplicate's own rows) leave the target, the duplicate gets back the
 * status it had and is no longer merged, and both timelines and threads say
 * the merge was undone. Refused once the target was closed or merged on,
 * since its copies may have travelled further.
 */
export async function undoMerge(db: Db, actor: SessionUser, input: { sourceNumber: number }) {
  return db.transaction(async (tx) => {
    // Learn the target first (unlocked), then lock both in number order and check again.
    const peek = await lockVisibleTicket(tx, actor, input.sourceNumber);
    if (!peek.mergedIntoNumber) throw new AppError("INVALID", `Ticket #${input.sourceNumber} is not merged into another ticket.`);
    const { source, target } = await lockPair(tx, actor, input.sourceNumber, peek.mergedIntoNumber);
    if (source.mergedIntoNumber !== target.number) throw new AppError("CONFLICT", `Ticket #${source.number} changed meanwhile. Reload the page.`);

    const merge = await mergeRecord(tx, source.id, target.number);
    const now = new Date();
    if (!merge || merge.actorId !== actor.id) throw new AppError("FORBIDDEN", `Only the agent who merged #${source.number} can undo it, right after merging.`);
    if (now.getTime() - merge.at.getTime() > UNDO_MERGE_MINUTES * 60_000) {
      throw new AppError("INVALID", `The merge of #${source.number} is more than ${UNDO_MERGE_MINUTES} minutes old and can no longer be undone.`);
    }
    if (target.mergedIntoNumber || target.status === "closed") {
      throw new AppError("INVALID", `Ticket #${target.number} was closed or merged since, so the merge of #${source.number} can no longer be undone.`);
    }

    const originals = tx.select({ id: messages.id }).from(messages).where(eq(messages.ticketId, source.id));
    const removed = await tx
      .delete(messages)
      .where(and(eq(messages.ticketId, target.id), inArray(messages.copiedFromId, originals)))
      .returning({ id: messages.id });
    await tx.insert(messages).values([
      { ticketId: target.id, authorId: null, kind: "system", body: `The merge of ticket #${source.number} was undone; its messages were removed from this thread.`, createdAt: now },
      { ticketId: source.id, authorId: null, kind: "system", body: `The merge into #${target.number} was undone; this ticket is ${merge.statusBefore.replace("_", " ")} again.`, createdAt: now },
    ]);
    // The one way out of closed (the status machine has none): a reversal of
    // the merge's own closing, which set closedAt (and solvedAt, unless it was solved already).
    const reopened = merge.statusBefore === "solved" ? { closedAt: null } : { closedAt: null, solvedAt: null };
    await tx
      .update(tickets)
      .set({ status: merge.statusBefore, mergedIntoId: null, ...reopened, ...touch(now) })
      .where(eq(tickets.id, source.id));
    await tx.update(tickets).set(touch(now)).where(eq(tickets.id, target.id));
    await recordEvents(tx, source.id, actor.id, [
      { field: "merge_undone", from: String(target.number) },
      { field: "status", from: "closed", to: merge.statusBefore },
    ], now);
    await recordEvents(tx, target.id, actor.id, [{ field: "unmerged", from: String(source.number) }], now);
    await syncTicketSla(tx, source.id, now);
    return { sourceNumber: source.number, targetNumber: target.number, removedMessages: removed.length, status: merge.statusBefore };
  });
}

/** The merge's own events on the duplicate: who merged it into `targetNumber`, when, and the status it had before. */
async function mergeRecord(tx: Tx, sourceId: string, targetNumber: number) {
  const [merged] = await tx
    .select({ actorId: ticketEvents.actorId, at: ticketEvents.createdAt })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, sourceId), eq(ticketEvents.field, "merged_into"), eq(ticketEvents.toValue, String(targetNumber))))
    .orderBy(desc(ticketEvents.id))
    .limit(1);
  if (!merged) return null;
  // Written in the same statement as merged_into, at the same instant.
  const [closing] = await tx
    .select({ from: ticketEvents.fromValue })
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketId, sourceId), eq(ticketEvents.field, "status"), eq(ticketEvents.toValue, "closed"), eq(ticketEvents.createdAt, merged.at)))
    .orderBy(desc(ticketEvents.id))
    .limit(1);
  const statusBefore = ticketStatuses.find((s): s is TicketStatus => s === closing?.from && s !== "closed") ?? "open";
  return { actorId: merged.actorId, at: merged.at, statusBefore };
}
