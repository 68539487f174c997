/**
 * Categories in order: the ones in use are numbered from 1 in the order
 * customers see them, positions never repeat after any save (create, edit,
 * archive, unarchive, move), and admins reorder them one place up or down,
 * as automation rules are ordered. Ties left by older data are mended by the
 * next write of the order.
 */
import { asc, isNull, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { categories } from "@/db/schema";
import { callerFor, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

describe("category order", async () => {
  const { db } = await useTestDatabase();
  const admin = async () => callerFor(db, await createUser(db, { role: "admin" })).admin.categories;
  const duplicatePositions = async () =>
    (await db.select({ position: categories.position, n: sql<number>`count(*)::int` }).from(categories).groupBy(categories.position)).filter((r) => r.n > 1);
  /** The names in use, in the order customers see them, with their stored positions. */
  const inUse = async () =>
    (await db.select({ name: categories.name, position: categories.position }).from(categories).where(isNull(categories.archivedAt)).orderBy(asc(categories.position), asc(categories.name))).map(
      (r) => [r.position, r.name] as const,
    );

  it("numbers new categories from 1, last in the list, with no duplicate positions after any save", async () => {
    const api = await admin();
    // Older data: two categories sharing position 0, as the old form's default left them.
    await db.insert(categories).values([{ name: unique("Legacy A"), position: 0 }, { name: unique("Legacy B"), position: 0 }]);
    const billing = await api.create({ name: unique("Billing") });
    const technical = await api.create({ name: unique("Technical") });
    expect(await duplicatePositions()).toEqual([]);
    const order = await inUse();
    expect(order.map(([position]) => position)).toEqual(order.map((_, index) => index + 1));
    expect(order.slice(-2).map(([, name]) => name)).toEqual([billing.name, technical.name]);
    expect(technical.position).toBe(order.length);

    await api.update({ id: billing.id, name: billing.name, description: "Invoices", defaultTeamId: null, defaultPriority: "high" });
    await api.setArchived({ id: billing.id, archived: true });
    expect(await duplicatePositions()).toEqual([]);
    expect((await inUse()).map(([, name]) => name)).not.toContain(billing.name);
    await api.setArchived({ id: billing.id, archived: false });
    expect(await duplicatePositions()).toEqual([]);
    expect((await inUse()).at(-1)).toEqual([(await inUse()).length, billing.name]);
  });

  it("moves a category one place up or down; at either end it stays put; archived ones have no place", async () => {
    const api = await admin();
    const [first, second, third] = [await api.create({ name: unique("First") }), await api.create({ name: unique("Second") }), await api.create({ name: unique("Third") })];
    const tail = async () => (await inUse()).slice(-3).map(([, name]) => name);
    expect(await tail()).toEqual([first.name, second.name, third.name]);

    expect(await api.move({ id: third.id, direction: "up" })).toMatchObject({ moved: true });
    expect(await tail()).toEqual([first.name, third.name, second.name]);
    expect(await api.move({ id: first.id, direction: "down" })).toMatchObject({ moved: true });
    expect(await tail()).toEqual([third.name, first.name, second.name]);
    expect(await api.move({ id: second.id, direction: "down" })).toMatchObject({ moved: false });
    expect(await tail()).toEqual([third.name, first.name, second.name]);
    expect(await duplicatePositions()).toEqual([]);

    await api.setArchived({ id: second.id, archived: true });
    expect(await codeOf(api.move({ id: second.id, direction: "up" }))).toBe("BAD_REQUEST");
    expect(await codeOf(api.move({ id: crypto.randomUUID(), direction: "up" }))).toBe("NOT_FOUND");
  });
});
