/**
 * A ticket submitted from the portal's new-ticket form ends that form's visit
 * (so the deflection report does not count it as deflected); another
 * person's visit id, or a made-up one, is ignored and the ticket is created
 * all the same.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { intakeVisits } from "@/db/schema";
import { callerFor, createCategory, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

describe("intake visits end with the ticket they led to", async () => {
  const { db } = await useTestDatabase();
  const customer = await createUser(db);
  const other = await createUser(db);
  const { category } = await createCategory(db);
  const ticketOf = async (visitId: string) => (await db.select({ ticketId: intakeVisits.ticketId }).from(intakeVisits).where(eq(intakeVisits.id, visitId)))[0]?.ticketId;
  const submit = (intakeVisitId: string) =>
    callerFor(db, customer).tickets.create({ subject: "Cannot print", body: "The printer says it is offline.", categoryId: category.id, intakeVisitId });

  it("records the ticket on the customer's own visit", async () => {
    const { visitId } = await callerFor(db, customer).portal.intake.start();
    const created = await submit(visitId);
    expect(await ticketOf(visitId)).toBe(created.id);
  });

  it("ignores someone else's visit and an unknown one, and still creates the ticket", async () => {
    const { visitId } = await callerFor(db, other).portal.intake.start();
    const created = await submit(visitId);
    expect(created.number).toBeGreaterThan(0);
    expect(await ticketOf(visitId)).toBeNull();
    expect((await submit(crypto.randomUUID())).number).toBeGreaterThan(0);
  });
});
