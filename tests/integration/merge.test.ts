/**
 * The merge dialog's server side: the preview checks the target before
 * anything is confirmed (it exists and is visible, is not the ticket itself,
 * is not merged or closed) and says whether the requesters differ; undoing a
 * merge right after it puts both tickets back as they were (the copies leave
 * the target, the duplicate gets its status back) with events on both, and
 * is refused to anyone else, later, or once the target moved on.
 */
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { attachments, messages, ticketEvents, tickets } from "@/db/schema";
import { single } from "@/db/rows";
import { UNDO_MERGE_MINUTES } from "@/server/tickets/merge-tickets";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { codeOf, errorOf } from "../support/trpc-errors";

describe("merging tickets", async () => {
  const { db } = await useTestDatabase();

  async function openTicket(requester: SessionUser, subject = "Export is broken") {
    const { category } = await createCategory(db);
    const created = await callerFor(db, requester).tickets.create({ subject, body: "The export button does nothing.", categoryId: category.id });
    return { number: created.number, id: created.id };
  }
  const rowOf = async (id: string) => single(await db.select().from(tickets).where(eq(tickets.id, id)), "ticket");
  const threadOf = (id: string) => db.select().from(messages).where(eq(messages.ticketId, id)).orderBy(asc(messages.createdAt), asc(messages.id));
  const eventsOf = (id: string) => db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, id)).orderBy(asc(ticketEvents.id));

  describe("the preview", () => {
    it("shows the target's number, subject, requester, status and last update, and whether the requesters differ", async () => {
      const ann = await createUser(db, { name: unique("Ann") });
      const bob = await createUser(db, { name: unique("Bob") });
      const source = await openTicket(ann);
      const sameTarget = await openTicket(ann, "Export still broken");
      const otherTarget = await openTicket(bob, "Cannot export invoices");
      const agent = callerFor(db, await createUser(db, { role: "agent" }));

      const same = await agent.desk.mergePreview({ sourceNumber: source.number, targetNumber: sameTarget.number });
      expect(same).toMatchObject({
        sameRequester: true,
        target: { number: sameTarget.number, subject: "Export still broken", status: "new", requesterName: ann.name, requesterEmail: ann.email },
      });
      expect(same.target.updatedAt).toEqual((await rowOf(sameTarget.id)).updatedAt);

      const other = await agent.desk.mergePreview({ sourceNumber: source.number, targetNumber: otherTarget.number });
      expect(other).toMatchObject({ sameRequester: false, source: { requesterName: ann.name }, target: { requesterName: bob.name } });
    });

    it("refuses a missing, hidden, same, merged or closed target before anything is confirmed", async () => {
      const ann = await createUser(db);
      const source = await openTicket(ann);
      const merged = await openTicket(ann);
      const survivor = await openTicket(ann);
      const closed = await openTicket(ann);
      const agentUser = await createUser(db, { role: "agent" });
      const agent = callerFor(db, agentUser);
      await agent.desk.merge({ sourceNumber: merged.number, targetNumber: survivor.number });
      await db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(eq(tickets.id, closed.id));

      expect(await errorOf(agent.desk.mergePreview({ sourceNumber: source.number, targetNumber: 2_000_000_000 }))).toMatchObject({ code: "NOT_FOUND" });
      expect(await errorOf(agent.desk.mergePreview({ sourceNumber: source.number, targetNumber: source.number }))).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/itself/) });
      expect(await errorOf(agent.desk.mergePreview({ sourceNumber: source.number, targetNumber: merged.number }))).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining(`merged into #${survivor.number}`),
      });
      expect(await errorOf(agent.desk.mergePreview({ sourceNumber: source.number, targetNumber: closed.number }))).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/closed/) });
      // A customer may not preview at all; an agent's own view decides what exists.
      expect(await codeOf(callerFor(db, ann).desk.mergePreview({ sourceNumber: source.number, targetNumber: survivor.number }))).toBe("FORBIDDEN");
    });
  });

  describe("undo", () => {
    async function mergedPair() {
      const ann = await createUser(db);
      const bob = await createUser(db);
      const source = await openTicket(ann, "Duplicate");
      const target = await openTicket(bob, "Original");
      const agentUser = await createUser(db, { role: "agent" });
      const agent = callerFor(db, agentUser);
      await callerFor(db, ann).tickets.reply({ number: source.number, body: "More detail on the duplicate." });
      await agent.tickets.reply({ number: source.number, body: "A note on the duplicate.", kind: "internal" });
      await agent.desk.update({ number: source.number, version: (await rowOf(source.id)).version, changes: { status: "pending" } });
      // One message with a file, whose bytes the copy shares.
      const [first] = await threadOf(source.id);
      await db.insert(attachments).values({
        ticketId: source.id,
        messageId: first!.id,
        uploaderId: ann.id,
        fileName: "log.txt",
        contentType: "text/plain",
        size: 3,
        sha256: "a".repeat(64),
        storageKey: `test/${unique("key")}`,
      });
      await agent.tickets.reply({ number: target.number, body: "Reply on the original before the merge.", kind: "public" });
      const before = { source: await rowOf(source.id), sourceThread: await threadOf(source.id), targetThread: await threadOf(target.id) };
      await agent.desk.merge({ sourceNumber: source.number, targetNumber: target.number });
      return { ann, bob, source, target, agentUser, agent, before };
    }

    it("reopens the duplicate with the status it had, removes exactly the copies, and records it on both tickets", async () => {
      const { source, target, agent, agentUser, before } = await mergedPair();
      const statusBefore = before.source.status;
      expect(statusBefore).toBe("pending");
      expect((await rowOf(source.id)).status).toBe("closed");
      await agent.tickets.reply({ number: target.number, body: "A reply after the merge stays.", kind: "public" });

      const undone = await agent.desk.undoMerge({ sourceNumber: source.number });
      expect(undone).toMatchObject({ sourceNumber: source.number, targetNumber: target.number, removedMessages: before.sourceThread.length, status: statusBefore });

      const reopened = await rowOf(source.id);
      expect(reopened).toMatchObject({ status: statusBefore, mergedIntoId: null, closedAt: null, solvedAt: null });
      const targetThread = await threadOf(target.id);
      expect(targetThread.filter((m) => m.copiedFromId)).toEqual([]);
      const kept = targetThread.filter((m) => m.kind !== "system").map((m) => m.body);
      expect(kept).toEqual([...before.targetThread.map((m) => m.body), "A reply after the merge stays."]);
      expect(await db.select().from(attachments).where(eq(attachments.ticketId, target.id))).toEqual([]);
      expect(await db.select().from(attachments).where(eq(attachments.ticketId, source.id))).toHaveLength(1);
      // The duplicate's own thread is whole, plus what the merge and its undo said.
      const sourceThread = await threadOf(source.id);
      expect(sourceThread.slice(0, before.sourceThread.length).map((m) => m.id)).toEqual(before.sourceThread.map((m) => m.id));
      expect(sourceThread.at(-1)).toMatchObject({ kind: "system", body: expect.stringContaining("undone") });
      expect(targetThread.at(-1)).toMatchObject({ kind: "system", body: expect.stringContaining(`#${source.number}`) });

      expect((await eventsOf(source.id)).slice(-2).map((e) => [e.field, e.fromValue, e.toValue, e.actorId])).toEqual([
        ["merge_undone", String(target.number), null, agentUser.id],
        ["status", "closed", statusBefore, agentUser.id],
      ]);
      expect((await eventsOf(target.id)).at(-1)).toMatchObject({ field: "unmerged", fromValue: String(source.number), actorId: agentUser.id });

      // Undone once; a second undo has nothing to undo, and the pair can be merged again.
      expect(await codeOf(agent.desk.undoMerge({ sourceNumber: source.number }))).toBe("BAD_REQUEST");
      await agent.desk.merge({ sourceNumber: source.number, targetNumber: target.number });
      expect((await rowOf(source.id)).mergedIntoId).toBe(target.id);
    });

    it("is refused to another agent, after the window, and once the target was closed, leaving everything as it was", async () => {
      const { source, target, agent } = await mergedPair();
      const snapshot = async () => ({ source: await rowOf(source.id), target: await rowOf(target.id), thread: await threadOf(target.id) });
      const merged = await snapshot();

      const colleague = callerFor(db, await createUser(db, { role: "agent" }));
      expect(await errorOf(colleague.desk.undoMerge({ sourceNumber: source.number }))).toMatchObject({ code: "FORBIDDEN" });

      vi.useFakeTimers({ toFake: ["Date"] });
      try {
        vi.setSystemTime(Date.now() + (UNDO_MERGE_MINUTES + 1) * 60_000);
        expect(await errorOf(agent.desk.undoMerge({ sourceNumber: source.number }))).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/no longer/) });
      } finally {
        vi.useRealTimers();
      }

      await db.update(tickets).set({ status: "closed", closedAt: new Date() }).where(and(eq(tickets.id, target.id)));
      expect(await errorOf(agent.desk.undoMerge({ sourceNumber: source.number }))).toMatchObject({ code: "BAD_REQUEST", message: expect.stringMatching(/closed or merged/) });
      const after = await snapshot();
      expect({ ...after, target: { ...after.target, status: merged.target.status, closedAt: null } }).toEqual({ ...merged, target: { ...merged.target, closedAt: null } });
    });
  });
});
