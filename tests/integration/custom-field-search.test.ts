/**
 * Search finds tickets by the words of their text custom fields (the documents of migration
 * 0021, kept by a trigger on custom_values): staff by every text field, customers only by
 * fields they may see. A value changed or removed stops matching, a field turned agent-only
 * stops answering customers, and drop-down values are not text (the filter finds those).
 */
import { describe, expect, it } from "vitest";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createUser, uniqueKey } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { foundBySearch } from "../support/search-found";
import { useTestDatabase } from "../support/test-db";

describe("search over text custom fields", async () => {
  const { db } = await useTestDatabase();
  const admin = await createUser(db, { role: "admin" });
  const agent = await createUser(db, { role: "agent" });
  const customer = await createUser(db);
  const { category } = await createCategory(db);
  const asAdmin = callerFor(db, admin);
  const asAgent = callerFor(db, agent);
  const keys = { asset: uniqueKey("asset"), notes: uniqueKey("notes"), secret: uniqueKey("secret"), device: uniqueKey("device") };
  const asset = await asAdmin.admin.customFields.create({ target: "ticket", key: keys.asset, type: "text", label: "Asset tag" });
  await asAdmin.admin.customFields.create({ target: "ticket", key: keys.notes, type: "textarea", label: "Steps tried" });
  await asAdmin.admin.customFields.create({ target: "ticket", key: keys.secret, type: "text", label: "Root cause", agentOnly: true });
  await asAdmin.admin.customFields.create({ target: "ticket", key: keys.device, type: "dropdown", label: "Device", options: [{ label: nonsenseWord(), active: true }] });
  const words = { asset: nonsenseWord(), notes: nonsenseWord(), secret: nonsenseWord(), later: nonsenseWord() };

  const created = await callerFor(db, customer).tickets.create({ subject: "Printer jams", body: "Paper gets stuck on every page.", categoryId: category.id });
  const setFields = async (values: Record<string, string | null>) => {
    const { ticket } = await asAgent.tickets.get({ number: created.number });
    await asAgent.desk.update({ number: created.number, version: ticket.version, changes: { customFields: values } });
  };
  await setFields({ [keys.asset]: `TAG ${words.asset}`, [keys.notes]: `Restarted it.\nThen tried ${words.notes} cleaning.`, [keys.secret]: words.secret });

  const found = (viewer: SessionUser, query: string) => foundBySearch(db, viewer, query);

  it("finds a ticket by a word of a text or multi-line field, for staff and its requester", async () => {
    expect(await found(agent, words.asset)).toEqual([created.number]);
    expect(await found(agent, words.notes)).toEqual([created.number]);
    expect(await found(customer, words.asset)).toEqual([created.number]);
    expect(await found(customer, `${words.notes} cleaning`)).toEqual([created.number]);
    // A phrase reads every match rather than the documents, and finds it too.
    const phrase = await callerFor(db, agent).tickets.search({ query: `"TAG ${words.asset}"`, limit: 10 });
    expect(phrase.items.map((t) => t.number)).toEqual([created.number]);
  });

  it("never lets a customer find a ticket by an agent-only field", async () => {
    expect(await found(agent, words.secret)).toEqual([created.number]);
    expect(await found(customer, words.secret)).toEqual([]);
  });

  it("follows a changed value and a field turned agent-only", async () => {
    await setFields({ [keys.asset]: words.later, [keys.notes]: null });
    expect(await found(agent, words.asset)).toEqual([]);
    expect(await found(agent, words.notes)).toEqual([]);
    expect(await found(customer, words.later)).toEqual([created.number]);

    await asAdmin.admin.customFields.update({ id: asset.id, label: "Asset tag", agentOnly: true });
    expect(await found(customer, words.later)).toEqual([]);
    expect(await found(agent, words.later)).toEqual([created.number]);
  });
});
