/**
 * Deflection: articles suggested while a customer types a ticket subject,
 * the visits to the new-ticket form that follow what they opened, and how
 * the report counts a visit that ended without a ticket. Suggestions go
 * through the one article scope: an internal article, a draft or another
 * organization's article is never suggested to a customer or a visitor.
 */
import { eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { intakeVisits } from "@/db/schema";
import { attachTicketToVisit } from "@/server/intake/intake-visits";
import { plainWords } from "@/server/knowledge/article-suggestions";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createOrganization, createUser, unique } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

describe("deflection", async () => {
  const { db } = await useTestDatabase();
  const people = {} as Record<"customer" | "orgCustomer" | "otherCustomer" | "agent" | "manager", SessionUser>;
  const word = nonsenseWord();
  const other = nonsenseWord();
  const articles = {} as Record<"public" | "signedIn" | "orgOnly" | "internal" | "draft" | "partial", { id: number; slug: string }>;
  let categoryId = "";

  beforeAll(async () => {
    const organization = await createOrganization(db);
    people.customer = await createUser(db);
    people.orgCustomer = await createUser(db, { organizationId: organization.id });
    people.otherCustomer = await createUser(db);
    people.agent = await createUser(db, { role: "agent" });
    people.manager = await createUser(db, { role: "manager" });
    categoryId = (await createCategory(db)).category.id;
    const manager = callerFor(db, people.manager).knowledge.manage;
    const knowledgeCategory = (await manager.createCategory({ name: unique("Deflection"), description: "" })).id;
    const sectionId = (await manager.createSection({ categoryId: knowledgeCategory, name: "Answers", description: "" })).id;
    const write = (title: string, visibility: "public" | "signed_in" | "internal", organizationId: string | null = null, body = `Fix the ${word} ${other} printer.`) =>
      manager.create({ title, body, sectionId, visibility, organizationId });
    articles.public = await write(`Public ${word} answer`, "public");
    articles.signedIn = await write(`Members ${word} answer`, "signed_in");
    articles.orgOnly = await write(`Organization ${word} answer`, "signed_in", organization.id);
    articles.internal = await write(`Internal ${word} runbook`, "internal");
    articles.draft = await write(`Draft ${word} notes`, "public");
    articles.partial = await write(`Only ${other} here`, "public", null, `Nothing about the first word, only ${other}.`);
    for (const key of ["public", "signedIn", "orgOnly", "internal", "partial"] as const) await manager.publish({ id: articles[key].id });
  });

  const ours = () => Object.fromEntries(Object.entries(articles).map(([key, article]) => [article.id, key]));
  async function suggestedTo(user: SessionUser | null, subject: string) {
    const hits = await callerFor(db, user).knowledge.suggest({ subject });
    return hits.map((hit) => ours()[hit.id] ?? "someone else's");
  }

  it("suggests to a visitor and to customers only what they may read, never internal articles or drafts", async () => {
    const subject = `My ${word} is broken`;
    expect((await suggestedTo(null, subject)).sort()).toEqual(["public"]);
    expect((await suggestedTo(people.customer, subject)).sort()).toEqual(["public", "signedIn"]);
    expect((await suggestedTo(people.orgCustomer, subject)).sort()).toEqual(["orgOnly", "public", "signedIn"]);
    // Staff read the help center's published articles, internal ones included, but no drafts.
    expect(await suggestedTo(people.agent, subject)).not.toContain("draft");
  });

  it("ranks articles with every word first, falls back to any word, and reads a subject as plain words", async () => {
    const both = await suggestedTo(null, `${word} ${other}`);
    expect(both).toEqual(["public"]);
    // No article has both of these words: any of them may match, so the article with the second one shows.
    expect(await suggestedTo(null, `${other} ${nonsenseWord()}`)).toEqual(expect.arrayContaining(["public", "partial"]));
    // A dash, quotes or "or" in a subject are punctuation, not search syntax.
    expect(plainWords(`Can't print - "error" or ${word}`)).toBe(`Can't print error ${word}`);
    expect(await suggestedTo(null, `-${other} "${nonsenseWord()}`)).toContain("partial");
    expect(await callerFor(db, null).knowledge.suggest({ subject: " " })).toEqual([]);
    const hits = await callerFor(db, null).knowledge.suggest({ subject: other });
    expect(hits.length).toBeLessThanOrEqual(5);
    expect(hits.find((hit) => hit.id === articles.partial.id)).toMatchObject({ title: `Only ${other} here`, slug: articles.partial.slug });
  });

  it("refuses a subject over 200 characters", async () => {
    expect(await codeOf(callerFor(db, null).knowledge.suggest({ subject: "a".repeat(201) }))).toBe("BAD_REQUEST");
  });

  it("counts the suggested articles opened during a customer's own visit", async () => {
    const api = callerFor(db, people.customer).portal.intake;
    const { visitId } = await api.start();
    expect(await api.articleOpened({ visitId, articleId: articles.signedIn.id })).toEqual({ articlesOpened: 1 });
    expect(await api.articleOpened({ visitId, articleId: articles.public.id })).toEqual({ articlesOpened: 2 });
    const [visit] = await db.select().from(intakeVisits).where(eq(intakeVisits.id, visitId));
    expect(visit).toMatchObject({ userId: people.customer.id, articlesOpened: 2, firstArticleId: articles.signedIn.id, ticketId: null });
  });

  it("never lets another user touch a visit, nor count an article the customer may not read", async () => {
    const { visitId } = await callerFor(db, people.customer).portal.intake.start();
    for (const intruder of [people.otherCustomer, people.agent]) {
      expect(await codeOf(callerFor(db, intruder).portal.intake.articleOpened({ visitId, articleId: articles.public.id }))).toBe("NOT_FOUND");
    }
    expect(await codeOf(callerFor(db, null).portal.intake.articleOpened({ visitId, articleId: articles.public.id }))).toBe("UNAUTHORIZED");
    expect(await codeOf(callerFor(db, null).portal.intake.start())).toBe("UNAUTHORIZED");
    for (const hidden of [articles.internal, articles.draft, articles.orgOnly]) {
      expect(await codeOf(callerFor(db, people.customer).portal.intake.articleOpened({ visitId, articleId: hidden.id }))).toBe("NOT_FOUND");
    }
    const [visit] = await db.select().from(intakeVisits).where(eq(intakeVisits.id, visitId));
    expect(visit).toMatchObject({ articlesOpened: 0, firstArticleId: null });
  });

  it("attaches the ticket to the customer's own open visit only, and never throws inside ticket creation", async () => {
    const { visitId } = await callerFor(db, people.customer).portal.intake.start();
    const ticket = await callerFor(db, people.customer).tickets.create({ subject: "Printer", body: "It will not print.", categoryId });
    expect(await attachTicketToVisit(db, visitId, people.otherCustomer.id, ticket.id)).toBe(false);
    expect(await attachTicketToVisit(db, "not-a-uuid", people.customer.id, ticket.id)).toBe(false);
    expect(await attachTicketToVisit(db, null, people.customer.id, ticket.id)).toBe(false);
    await db.transaction(async (tx) => {
      expect(await attachTicketToVisit(tx, visitId, people.customer.id, ticket.id)).toBe(true);
    });
    expect(await attachTicketToVisit(db, visitId, people.customer.id, ticket.id)).toBe(false);
    const [visit] = await db.select({ ticketId: intakeVisits.ticketId }).from(intakeVisits).where(eq(intakeVisits.id, visitId));
    expect(visit?.ticketId).toBe(ticket.id);
  });

  it("counts a deflection for a visit that opened an article and ended an hour later without a ticket", async () => {
    const api = callerFor(db, people.customer).portal.intake;
    const visits = { deflected: "", leftEmptyHanded: "", withTicket: "", openedThenWrote: "", ongoing: "" };
    for (const key of Object.keys(visits) as (keyof typeof visits)[]) visits[key] = (await api.start()).visitId;
    await api.articleOpened({ visitId: visits.deflected, articleId: articles.public.id });
    await api.articleOpened({ visitId: visits.openedThenWrote, articleId: articles.public.id });
    await api.articleOpened({ visitId: visits.ongoing, articleId: articles.public.id });
    for (const key of ["withTicket", "openedThenWrote"] as const) {
      const ticket = await callerFor(db, people.customer).tickets.create({ subject: "Still stuck", body: "The article did not help.", categoryId });
      expect(await attachTicketToVisit(db, visits[key], people.customer.id, ticket.id)).toBe(true);
    }
    // A day of its own far in the past holds these visits alone, so the report counts only them; the ongoing one started just now.
    const day = new Date(Date.UTC(1995 + Math.floor(Math.random() * 25), Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 28), 12));
    const ended = [visits.deflected, visits.leftEmptyHanded, visits.withTicket, visits.openedThenWrote];
    await db.update(intakeVisits).set({ startedAt: day }).where(inArray(intakeVisits.id, ended));
    const date = day.toISOString().slice(0, 10);
    const report = await callerFor(db, people.manager).reports.deflection({ from: date, to: date, timeZone: "UTC", bucket: "day" });
    expect(report.rows).toEqual([{ visits: 4, ended: 4, withoutTicket: 2, withoutTicketShare: 50, openedArticle: 2, deflections: 1 }]);
    expect(report.columns.map((column) => column.label)).toContain("Deflections");
    // The visit still under an hour old is not over yet: counted as a visit, not as ended.
    const today = new Date().toISOString().slice(0, 10);
    const now = await callerFor(db, people.manager).reports.deflection({ from: today, to: today, timeZone: "UTC", bucket: "day" });
    const row = now.rows[0]!;
    expect(Number(row.visits)).toBeGreaterThan(Number(row.ended));
  });
});
