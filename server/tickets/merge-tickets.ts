import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { attachments, messages, tickets } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "@/server/errors";
import { syncTicketSla } from "@/server/sla/ticket-sla";
import type { SessionUser } from "@/server/users/session-user";
import { lockVisibleTicket, touch } from "./lock-ticket";
import { resolutionTimestamps } from "@/lib/status-machine";
import { recordEvents } from "./ticket-events";

/**
 * Merges a duplicate into another ticket: the duplicate's messages are copied
 * into the target's thread (keeping author, kind and time), the duplicate is
 * closed with a note pointing at the target, and both timelines record it.
 */
export async function mergeTicket(db: Db, actor: SessionUser, input: { sourceNumber: number; targetNumber: number }) {
  if (input.sourceNumber === input.targetNumber) throw new AppError("INVALID", "A ticket cannot be merged into itself.");
  return db.transaction(async (tx) => {
    // Lock in number order so two opposite merges cannot deadlock.
    const sourceFirst = input.sourceNumber < input.targetNumber;
    const firstLocked = await lockVisibleTicket(tx, actor, sourceFirst ? input.sourceNumber : input.targetNumber);
    const secondLocked = await lockVisibleTicket(tx, actor, sourceFirst ? input.targetNumber : input.sourceNumber);
    const [source, target] = sourceFirst ? [firstLocked, secondLocked] : [secondLocked, firstLocked];
    if (source.status === "closed") throw new AppError("INVALID", `Ticket #${source.number} is closed and cannot be merged.`);
    if (target.status === "closed") throw new AppError("INVALID", `Ticket #${target.number} is closed: merge into an open ticket.`);

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
        .values({ ticketId: target.id, authorId: m.authorId, kind, body: m.body, createdAt: m.createdAt })
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
