/**
 * The acknowledgement email of a new ticket suggests up to three help-center
 * articles matching its subject, only ones its requester could read as a
 * customer: never an internal article, a draft or another organization's.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { outbox } from "@/db/schema";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createOrganization, createUser, unique } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { useTestDatabase } from "../support/test-db";

describe("acknowledgement email suggestions", async () => {
  const { db } = await useTestDatabase();
  const word = nonsenseWord();
  let customer: SessionUser;
  let categoryId = "";
  const titles = {
    first: `Resetting the ${word} one`,
    second: `Resetting the ${word} two`,
    third: `Resetting the ${word} three`,
    fourth: `Resetting the ${word} four`,
    internal: `Internal ${word} runbook`,
    otherOrganization: `Partner ${word} guide`,
    draft: `Draft ${word} notes`,
  };

  beforeAll(async () => {
    customer = await createUser(db);
    const manager = callerFor(db, await createUser(db, { role: "manager" })).knowledge.manage;
    const partner = await createOrganization(db);
    categoryId = (await createCategory(db)).category.id;
    const knowledgeCategory = (await manager.createCategory({ name: unique("Email suggestions"), description: "" })).id;
    const sectionId = (await manager.createSection({ categoryId: knowledgeCategory, name: "Answers", description: "" })).id;
    const write = async (title: string, visibility: "public" | "internal" | "signed_in", publish = true, organizationId: string | null = null) => {
      const article = await manager.create({ title, body: `How to reset the ${word}.`, sectionId, visibility, organizationId });
      if (publish) await manager.publish({ id: article.id });
    };
    await write(titles.internal, "internal");
    await write(titles.otherOrganization, "signed_in", true, partner.id);
    await write(titles.draft, "public", false);
    for (const key of ["first", "second", "third", "fourth"] as const) await write(titles[key], "public");
  });

  async function acknowledgementOf(subject: string) {
    const created = await callerFor(db, customer).tickets.create({ subject, body: "Please help.", categoryId });
    const [email] = await db
      .select({ html: outbox.html, text: outbox.text })
      .from(outbox)
      .where(and(eq(outbox.ticketId, created.id), eq(outbox.template, "ticket-received")));
    if (!email) throw new Error("no acknowledgement was queued");
    return email;
  }

  it("links at most three articles the requester may read, never internal ones, drafts or another organization's", async () => {
    const email = await acknowledgementOf(`How do I reset my ${word}`);
    const linked = Object.entries(titles).filter(([, title]) => email.html.includes(title)).map(([key]) => key);
    expect(linked).toHaveLength(3);
    expect(linked.every((key) => ["first", "second", "third", "fourth"].includes(key))).toBe(true);
    expect(email.html).toMatch(/\/help\/articles\/\d+-resetting-the-/);
    expect(email.text).toContain("may already answer your question");
  });

  it("says nothing about articles when none matches", async () => {
    const email = await acknowledgementOf(`${nonsenseWord()} ${nonsenseWord()} stopped`);
    expect(email.html).not.toContain("may already answer your question");
  });
});
