/**
 * The timed jobs: solved tickets close after the configured days (once, by
 * the system, with an event), and expired presence, rate-limit counters and
 * abandoned uploads are swept, bytes included.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { attachments, rateLimits, ticketEvents, tickets } from "@/db/schema";
import { uploadAttachment } from "@/server/attachments/upload";
import { autoCloseSolvedTickets } from "@/server/jobs/auto-close";
import { sweepExpired } from "@/server/jobs/sweeps";
import { getSettings } from "@/server/settings/settings";
import { callerFor, createCategory, createUser, unique } from "../support/factories";
import { onPostgres, useTestDatabase } from "../support/test-db";

describe("timed jobs", async () => {
  const { db } = await useTestDatabase();
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-sweep-"));
  afterAll(() => fs.rmSync(storageRoot, { recursive: true, force: true }));

  async function solvedTicket(daysAgo: number) {
    const { category } = await createCategory(db);
    const customer = await createUser(db);
    const { number } = await callerFor(db, customer).tickets.create({ subject: "Please close me later", body: "Solved long ago, or not.", categoryId: category.id });
    const solvedAt = new Date(Date.now() - daysAgo * 86_400_000);
    await db.update(tickets).set({ status: "solved", solvedAt }).where(eq(tickets.number, number));
    const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
    return row!;
  }

  it("closes tickets solved longer ago than the setting, once, as the system", async () => {
    const { autoCloseDays } = await getSettings(db);
    const old = await solvedTicket(autoCloseDays + 1);
    const recent = await solvedTicket(autoCloseDays - 1);
    expect(await autoCloseSolvedTickets(db)).toBeGreaterThanOrEqual(1);
    const [closed] = await db.select().from(tickets).where(eq(tickets.id, old.id));
    expect(closed).toMatchObject({ status: "closed", version: old.version + 1 });
    expect(closed?.closedAt).toBeInstanceOf(Date);
    const [untouched] = await db.select().from(tickets).where(eq(tickets.id, recent.id));
    expect(untouched).toMatchObject({ status: "solved", closedAt: null });
    const events = await db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketId, old.id), eq(ticketEvents.toValue, "closed")));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actorId: null, field: "status", fromValue: "solved" });

    // Idempotent: nothing left to close for these tickets.
    await autoCloseSolvedTickets(db);
    expect(await db.$count(ticketEvents, and(eq(ticketEvents.ticketId, old.id), eq(ticketEvents.toValue, "closed")))).toBe(1);
  });

  it.runIf(onPostgres)("closes each ticket once when several workers run at the same time", async () => {
    const { autoCloseDays } = await getSettings(db);
    const batch = await Promise.all(Array.from({ length: 6 }, () => solvedTicket(autoCloseDays + 2)));
    await Promise.all([autoCloseSolvedTickets(db, { limit: 3 }), autoCloseSolvedTickets(db, { limit: 3 }), autoCloseSolvedTickets(db, { limit: 3 })]);
    await autoCloseSolvedTickets(db);
    for (const ticket of batch) {
      expect(await db.$count(ticketEvents, and(eq(ticketEvents.ticketId, ticket.id), eq(ticketEvents.toValue, "closed")))).toBe(1);
    }
  });

  it("sweeps expired rate-limit counters and abandoned uploads, keeping what is still live", async () => {
    const expiredKey = unique("limit-expired");
    const liveKey = unique("limit-live");
    await db.insert(rateLimits).values([
      { key: expiredKey, points: 3, expire: new Date(Date.now() - 60_000) },
      { key: liveKey, points: 1, expire: new Date(Date.now() + 60_000) },
    ]);
    const uploader = await createUser(db);
    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201d3a3e1e60000000049454e44ae426082", "hex");
    const stale = await uploadAttachment(db, uploader, { name: "stale.png", bytes: png }, { storageRoot });
    const fresh = await uploadAttachment(db, uploader, { name: "fresh.png", bytes: png }, { storageRoot });
    await db.update(attachments).set({ createdAt: sql`now() - interval '2 days'` }).where(eq(attachments.id, stale.id));
    const [staleRow] = await db.select().from(attachments).where(eq(attachments.id, stale.id));
    const staleFile = path.join(storageRoot, staleRow!.storageKey);
    expect(fs.existsSync(staleFile)).toBe(true);

    await sweepExpired(db, { storageRoot });
    expect(await db.$count(rateLimits, eq(rateLimits.key, expiredKey))).toBe(0);
    expect(await db.$count(rateLimits, eq(rateLimits.key, liveKey))).toBe(1);
    expect(await db.$count(attachments, eq(attachments.id, stale.id))).toBe(0);
    expect(fs.existsSync(staleFile)).toBe(false);
    expect(await db.$count(attachments, eq(attachments.id, fresh.id))).toBe(1);
  });
});
