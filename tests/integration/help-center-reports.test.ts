/**
 * The help center's reports and what feeds them: article views and searches
 * recorded by the help center (never for staff, drafts or articles out of
 * the reader's scope), the four report tables over a range of local dates,
 * and the desk's article tools (links in the composer, Turn into article).
 * Report ranges sit on a day of their own far in the past, so only this
 * file's rows are in them even on a shared database.
 */
import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { articleFeedback, articles as articlesTable, helpCenterEvents } from "@/db/schema";
import { isAutomatedRequest } from "@/lib/automated-request";
import { normalizedQuery } from "@/server/knowledge/help-center-events";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createOrganization, createUser, unique } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

describe("help-center reports", async () => {
  const { db } = await useTestDatabase();
  const people = {} as Record<"customer" | "orgCustomer" | "agent" | "manager", SessionUser>;
  const word = nonsenseWord();
  const articles = {} as Record<"public" | "orgOnly" | "internal" | "draft", { id: number; slug: string }>;
  let sectionId = 0;
  let categoryId = "";

  beforeAll(async () => {
    const organization = await createOrganization(db);
    people.customer = await createUser(db);
    people.orgCustomer = await createUser(db, { organizationId: organization.id });
    people.agent = await createUser(db, { role: "agent" });
    people.manager = await createUser(db, { role: "manager" });
    categoryId = (await createCategory(db)).category.id;
    const manager = callerFor(db, people.manager).knowledge.manage;
    const knowledgeCategory = (await manager.createCategory({ name: unique("Reports"), description: "" })).id;
    sectionId = (await manager.createSection({ categoryId: knowledgeCategory, name: "Answers", description: "" })).id;
    const write = (title: string, visibility: "public" | "signed_in" | "internal", organizationId: string | null = null) =>
      manager.create({ title, body: `All about ${word}.`, sectionId, visibility, organizationId });
    articles.public = await write(`Public ${word}`, "public");
    articles.orgOnly = await write(`Organization ${word}`, "signed_in", organization.id);
    articles.internal = await write(`Internal ${word}`, "internal");
    articles.draft = await write(`Draft ${word}`, "public");
    for (const key of ["public", "orgOnly", "internal"] as const) await manager.publish({ id: articles[key].id });
  });

  async function viewsOf(articleId: number) {
    return db.select({ userId: helpCenterEvents.userId }).from(helpCenterEvents).where(and(eq(helpCenterEvents.kind, "article_view"), eq(helpCenterEvents.articleId, articleId)));
  }

  it("counts views by visitors and customers of articles they may read, never by staff nor of drafts or hidden articles", async () => {
    await callerFor(db, null).knowledge.recordView({ id: articles.public.id });
    await callerFor(db, people.customer).knowledge.recordView({ id: articles.public.id });
    await callerFor(db, people.agent).knowledge.recordView({ id: articles.public.id });
    await callerFor(db, people.manager).knowledge.recordView({ id: articles.draft.id });
    await callerFor(db, null).knowledge.recordView({ id: articles.draft.id });
    await callerFor(db, people.customer).knowledge.recordView({ id: articles.internal.id });
    await callerFor(db, people.customer).knowledge.recordView({ id: articles.orgOnly.id });
    await callerFor(db, people.orgCustomer).knowledge.recordView({ id: articles.orgOnly.id });
    expect((await viewsOf(articles.public.id)).map((view) => view.userId).sort()).toEqual([null, people.customer.id].sort());
    expect(await viewsOf(articles.draft.id)).toEqual([]);
    expect(await viewsOf(articles.internal.id)).toEqual([]);
    expect(await viewsOf(articles.orgOnly.id)).toEqual([{ userId: people.orgCustomer.id }]);
  });

  it("counts every help-center search, normalized, with how many articles it found; staff searches are not counted", async () => {
    const missing = nonsenseWord();
    // Two words no article has (a real word would find other files' articles on a shared database).
    const second = nonsenseWord();
    await callerFor(db, null).knowledge.search({ q: `  ${word.toUpperCase()}   ` });
    await callerFor(db, people.customer).knowledge.search({ q: `${missing}  ${second.toUpperCase()}` });
    await callerFor(db, people.agent).knowledge.search({ q: word });
    const rows = await db
      .select({ query: helpCenterEvents.query, resultCount: helpCenterEvents.resultCount, userId: helpCenterEvents.userId })
      .from(helpCenterEvents)
      .where(and(eq(helpCenterEvents.kind, "search"), inArray(helpCenterEvents.query, [word, `${missing} ${second}`])));
    expect(rows.sort((a, b) => (a.query ?? "").localeCompare(b.query ?? ""))).toEqual(
      [
        { query: word, resultCount: 1, userId: null },
        { query: `${missing} ${second}`, resultCount: 0, userId: people.customer.id },
      ].sort((a, b) => a.query.localeCompare(b.query)),
    );
    expect(normalizedQuery(" Reset\tPASSWORD  now ")).toBe("reset password now");
  });

  it("tells prefetches and crawlers from readers", () => {
    const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
    expect(isAutomatedRequest(new Headers({ "user-agent": chrome }))).toBe(false);
    expect(isAutomatedRequest(new Headers({ "user-agent": chrome, "next-router-prefetch": "1" }))).toBe(true);
    expect(isAutomatedRequest(new Headers({ "user-agent": chrome, "sec-purpose": "prefetch;prerender" }))).toBe(true);
    expect(isAutomatedRequest(new Headers({ "user-agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)" }))).toBe(true);
    expect(isAutomatedRequest(new Headers({ "user-agent": "curl/8.5.0" }))).toBe(true);
    expect(isAutomatedRequest(new Headers())).toBe(true);
  });

  describe("on a day of their own", () => {
    // Noon UTC on a random past day; Europe/Paris and UTC agree on its date.
    const day = new Date(Date.UTC(1995 + Math.floor(Math.random() * 25), Math.floor(Math.random() * 12), 1 + Math.floor(Math.random() * 28), 12));
    const date = day.toISOString().slice(0, 10);
    const input = { from: date, to: date, timeZone: "UTC", bucket: "day" as const };
    const at = (minutes: number) => new Date(day.getTime() + minutes * 60_000);
    const missing = nonsenseWord();

    beforeAll(async () => {
      const view = (articleId: number, minutes = 0) => ({ kind: "article_view" as const, articleId, createdAt: at(minutes) });
      const search = (query: string, resultCount: number) => ({ kind: "search" as const, query, resultCount, createdAt: at(0) });
      await db.insert(helpCenterEvents).values([
        view(articles.public.id),
        view(articles.public.id),
        { ...view(articles.public.id), userId: people.customer.id },
        view(articles.orgOnly.id),
        // 11:59 pm UTC: the next day in Paris, so outside a Paris range of this date.
        view(articles.orgOnly.id, 11 * 60 + 59),
        search(missing, 0),
        search(missing, 0),
        search(`${missing} again`, 0),
        search(word, 3),
      ]);
      await db.insert(articleFeedback).values([
        { articleId: articles.public.id, helpful: true, createdAt: at(0) },
        { articleId: articles.public.id, helpful: true, createdAt: at(0) },
        { articleId: articles.public.id, helpful: false, createdAt: at(0) },
        { articleId: articles.orgOnly.id, helpful: false, createdAt: at(0) },
      ]);
    });

    it("ranks articles by views in the range, with signed-in readers, in the viewer's time zone", async () => {
      const report = await callerFor(db, people.manager).reports.articleViews(input);
      expect(report.rows).toEqual([
        { title: `Public ${word}`, views: 3, readers: 1 },
        { title: `Organization ${word}`, views: 2, readers: 0 },
      ]);
      const paris = await callerFor(db, people.manager).reports.articleViews({ ...input, timeZone: "Europe/Paris" });
      expect(paris.rows.find((row) => row.title === `Organization ${word}`)?.views).toBe(1);
      expect(report.columns.map((column) => column.kind)).toEqual(["text", "count", "count"]);
    });

    it("lists the searches that found nothing, most frequent first", async () => {
      const report = await callerFor(db, people.manager).reports.searchesWithoutResult(input);
      expect(report.rows).toEqual([
        { query: missing, searches: 2, lastSearched: date },
        { query: `${missing} again`, searches: 1, lastSearched: date },
      ]);
    });

    it("gives each article's helpful and not-helpful answers and the helpful share", async () => {
      const report = await callerFor(db, people.manager).reports.articleHelpfulness(input);
      expect(report.rows).toEqual([
        { title: `Public ${word}`, helpful: 2, notHelpful: 1, helpfulShare: 66.7 },
        { title: `Organization ${word}`, helpful: 0, notHelpful: 1, helpfulShare: 0 },
      ]);
    });

    it("answers the reports to managers only, and as CSV headers with units", async () => {
      for (const user of [people.agent, people.customer]) expect(await codeOf(callerFor(db, user).reports.articleViews(input))).toBe("FORBIDDEN");
      const { toCsv } = await import("@/server/reports/report-table");
      const csv = toCsv(await callerFor(db, people.manager).reports.articleHelpfulness(input));
      expect(csv.split("\r\n")[0]).toBe("Article,Helpful,Not helpful,Helpful share (%)");
    });
  });

  describe("in the desk", () => {
    it("links published articles from a ticket's composer, saying which the requester cannot open", async () => {
      const ticket = await callerFor(db, people.customer).tickets.create({ subject: "Question", body: `About ${word}.`, categoryId });
      const links = await callerFor(db, people.agent).knowledge.manage.links({ number: ticket.number, q: word });
      const byId = new Map(links.map((link) => [link.id, link]));
      expect(byId.get(articles.public.id)).toMatchObject({ requesterCanRead: true, url: expect.stringMatching(new RegExp(`/help/articles/${articles.public.id}-${articles.public.slug}$`)) });
      expect(byId.get(articles.internal.id)?.requesterCanRead).toBe(false);
      // Another organization's article is out of this requester's reach too; drafts are never offered.
      expect(byId.get(articles.orgOnly.id)?.requesterCanRead).toBe(false);
      expect(byId.has(articles.draft.id)).toBe(false);
      expect(await codeOf(callerFor(db, people.customer).knowledge.manage.links({ number: ticket.number, q: word }))).toBe("FORBIDDEN");
    });

    it("turns a solved ticket's last public staff reply into an internal draft", async () => {
      const agent = callerFor(db, people.agent);
      const ticket = await callerFor(db, people.customer).tickets.create({ subject: `How do I ${word}?`, body: "Please help.", categoryId });
      await agent.tickets.reply({ number: ticket.number, body: "First try turning it off.", kind: "public" });
      await agent.tickets.reply({ number: ticket.number, body: "Hold the button for ten seconds.", kind: "public" });
      await agent.tickets.reply({ number: ticket.number, body: "Internal: customer is on the old firmware.", kind: "internal" });
      await callerFor(db, people.customer).tickets.reply({ number: ticket.number, body: "Thanks, that worked!", kind: "public" });
      expect(await codeOf(agent.knowledge.manage.fromTicket({ number: ticket.number, sectionId }))).toBe("BAD_REQUEST");
      const { version } = (await agent.tickets.get({ number: ticket.number })).ticket;
      await agent.desk.update({ number: ticket.number, version, changes: { status: "solved" } });
      const created = await agent.knowledge.manage.fromTicket({ number: ticket.number, sectionId });
      const [draft] = await db.select().from(articlesTable).where(eq(articlesTable.id, created.id));
      expect(draft).toMatchObject({ title: `How do I ${word}?`, body: "Hold the button for ten seconds.", state: "draft", visibility: "internal", authorId: people.agent.id, sectionId });
    });
  });
});
