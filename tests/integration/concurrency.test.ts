/**
 * Concurrent writers on one ticket. The optimistic version check must let
 * exactly one of two same-version edits through, replies must never be lost
 * while they take turns on the row lock, and opposite merges must not
 * deadlock. Real concurrency needs PostgreSQL (PGlite runs one statement at
 * a time), so those run only with TEST_DATABASE_URL; the sequential version
 * check runs everywhere.
 */
import { TRPCError } from "@trpc/server";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { messages, tickets } from "@/db/schema";
import { single } from "@/db/rows";
import { callerFor, createCategory, createUser } from "../support/factories";
import { onPostgres, useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

describe("concurrent ticket writes", async () => {
  const { db } = await useTestDatabase();
  const { category } = await createCategory(db);
  const alice = callerFor(db, await createUser(db, { role: "agent" }));
  const bob = callerFor(db, await createUser(db, { role: "agent" }));

  /** A fresh ticket from a fresh customer (creation is rate-limited per customer). */
  async function openTicket() {
    const customer = await createUser(db);
    const created = await callerFor(db, customer).tickets.create({ subject: "Race condition", body: "Two people touch this at once.", categoryId: category.id });
    return { ...created, customer };
  }

  const rowOf = async (number: number) => single(await db.select().from(tickets).where(eq(tickets.number, number)), "ticket");

  it("refuses the second of two sequential updates made from the same version", async () => {
    const { number } = await openTicket();
    await alice.desk.update({ number, version: 1, changes: { priority: "high" } });
    expect(await codeOf(bob.desk.update({ number, version: 1, changes: { priority: "low" } }))).toBe("CONFLICT");
    expect(await rowOf(number)).toMatchObject({ priority: "high", version: 2 });
  });

  describe.runIf(onPostgres)("on PostgreSQL", () => {
    it("lets exactly one of two simultaneous same-version updates through, 20 times over", async () => {
      for (let round = 0; round < 20; round++) {
        const { number } = await openTicket();
        const results = await Promise.allSettled([
          alice.desk.update({ number, version: 1, changes: { priority: "high" } }),
          bob.desk.update({ number, version: 1, changes: { priority: "low" } }),
        ]);
        const fulfilled = results.filter((r) => r.status === "fulfilled");
        const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
        expect(fulfilled, `round ${round}`).toHaveLength(1);
        expect(rejected.map((r) => (r.reason instanceof TRPCError ? r.reason.code : String(r.reason))), `round ${round}`).toEqual(["CONFLICT"]);
        const row = await rowOf(number);
        expect(row.version, `round ${round}`).toBe(2);
        expect(row.priority).toBe(results[0]!.status === "fulfilled" ? "high" : "low");
      }
    });

    it("keeps both of two simultaneous replies, and counts both in the version", async () => {
      for (let round = 0; round < 5; round++) {
        const { number, id, customer } = await openTicket();
        const results = await Promise.allSettled([
          alice.tickets.reply({ number, body: `Agent reply ${round}`, kind: "public" }),
          callerFor(db, customer).tickets.reply({ number, body: `Customer reply ${round}`, kind: "public" }),
        ]);
        expect(results.map((r) => r.status), `round ${round}`).toEqual(["fulfilled", "fulfilled"]);
        const thread = await db.select({ body: messages.body }).from(messages).where(eq(messages.ticketId, id));
        expect(thread.map((m) => m.body).sort()).toEqual(["Agent reply " + round, "Customer reply " + round, "Two people touch this at once."].sort());
        const row = await rowOf(number);
        expect(row.version).toBe(3);
        expect(row.firstResponseAt).toBeInstanceOf(Date);
      }
    });

    it("runs opposite merges one after the other: one merges, the other is refused, no deadlock", async () => {
      for (let round = 0; round < 10; round++) {
        const [a, b] = [await openTicket(), await openTicket()];
        const results = await Promise.allSettled([
          alice.desk.merge({ sourceNumber: a.number, targetNumber: b.number }),
          bob.desk.merge({ sourceNumber: b.number, targetNumber: a.number }),
        ]);
        const codes = results.map((r) => (r.status === "fulfilled" ? "OK" : r.reason instanceof TRPCError ? r.reason.code : String(r.reason)));
        expect(codes.sort(), `round ${round}`).toEqual(["BAD_REQUEST", "OK"]);
        const rows = await db.select().from(tickets).where(inArray(tickets.number, [a.number, b.number]));
        const closed = rows.filter((r) => r.status === "closed");
        expect(closed, `round ${round}`).toHaveLength(1);
        expect(closed[0]!.mergedIntoId).toBe(rows.find((r) => r.status !== "closed")!.id);
      }
    });

    it("holds the creation rate limit under 30 simultaneous requests from one customer", async () => {
      const customer = await createUser(db);
      const api = callerFor(db, customer);
      const input = { subject: "Burst", body: "Many at the same moment.", categoryId: category.id };
      const codes = await Promise.all(Array.from({ length: 30 }, () => codeOf(api.tickets.create(input))));
      expect(codes.filter((c) => c === "OK")).toHaveLength(20);
      expect(codes.filter((c) => c !== "OK").every((c) => c === "TOO_MANY_REQUESTS")).toBe(true);
      expect(await db.$count(tickets, eq(tickets.requesterId, customer.id))).toBe(20);
    });
  });
});

