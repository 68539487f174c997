/**
 * Managers rename and reorder the help center's categories and sections;
 * agents and customers may not.
 */
import { TRPCError } from "@trpc/server";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

describe("knowledge categories and sections", async () => {
  const { db } = await useTestDatabase();
  let manager: SessionUser;
  let agent: SessionUser;
  beforeAll(async () => {
    manager = await createUser(db, { role: "manager" });
    agent = await createUser(db, { role: "agent" });
  });
  const manage = () => callerFor(db, manager).knowledge.manage;

  it("renames a category and a section, as the help center then shows them", async () => {
    const categoryId = (await manage().createCategory({ name: unique("Billing"), description: "" })).id;
    const sectionId = (await manage().createSection({ categoryId, name: "Invoices", description: "" })).id;
    const name = unique("Payments");
    await manage().renameCategory({ id: categoryId, name, description: "Paying us" });
    await manage().renameSection({ id: sectionId, name: "Receipts" });
    expect((await manage().categories()).find((category) => category.id === categoryId)?.name).toBe(name);
    expect((await manage().sections()).find((section) => section.id === sectionId)).toMatchObject({ name: "Receipts", categoryName: name });
    await expect(manage().renameSection({ id: 2_000_000_000, name: "Nowhere" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(manage().renameCategory({ id: categoryId, name: " ", description: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("moves a section up and down within its category, and not past either end", async () => {
    const categoryId = (await manage().createCategory({ name: unique("Setup"), description: "" })).id;
    const ids: number[] = [];
    for (const name of ["First", "Second", "Third"]) ids.push((await manage().createSection({ categoryId, name, description: "" })).id);
    const [first, , third] = ids as [number, number, number];
    const order = async () => (await manage().sections()).filter((section) => section.categoryId === categoryId).map((section) => section.name);
    expect(await order()).toEqual(["First", "Second", "Third"]);
    await manage().moveSection({ id: third, direction: "up" });
    expect(await order()).toEqual(["First", "Third", "Second"]);
    await manage().moveSection({ id: first, direction: "up" });
    expect(await order()).toEqual(["First", "Third", "Second"]);
    await manage().moveSection({ id: first, direction: "down" });
    expect(await order()).toEqual(["Third", "First", "Second"]);
  });

  it("moves a category among the others", async () => {
    const a = (await manage().createCategory({ name: unique("Alpha"), description: "" })).id;
    const b = (await manage().createCategory({ name: unique("Beta"), description: "" })).id;
    const indexOf = async (id: number) => (await manage().categories()).findIndex((category) => category.id === id);
    expect(await indexOf(a)).toBeLessThan(await indexOf(b));
    await manage().moveCategory({ id: b, direction: "up" });
    expect(await indexOf(b)).toBeLessThan(await indexOf(a));
  });

  it("leaves renaming and moving to managers and admins", async () => {
    const categoryId = (await manage().createCategory({ name: unique("Locked"), description: "" })).id;
    const agentCalls = callerFor(db, agent).knowledge.manage;
    for (const call of [agentCalls.renameCategory({ id: categoryId, name: "Mine", description: "" }), agentCalls.moveCategory({ id: categoryId, direction: "up" })]) {
      await expect(call).rejects.toBeInstanceOf(TRPCError);
      await expect(call).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});
