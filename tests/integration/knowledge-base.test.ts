/**
 * The knowledge base through its procedures (the help-center pages call only
 * these): what each kind of reader sees, search with highlighted snippets,
 * revisions on every write, and who may draft, publish and archive.
 */
import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { articleFeedback, articleRevisions } from "@/db/schema";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "@/lib/search-highlight";
import { appRouter } from "@/server/routers/_app";
import { createCallerFactory } from "@/server/trpc";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createOrganization, createUser, unique } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { useTestDatabase } from "../support/test-db";

async function refusalOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "OK";
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

describe("knowledge base", async () => {
  const { db } = await useTestDatabase();
  const people = {} as Record<"customer" | "orgCustomer" | "otherOrgCustomer" | "agent" | "manager", SessionUser>;
  const word = nonsenseWord();
  const articles = {} as Record<"public" | "signedIn" | "orgOnly" | "internal" | "draft", { id: number; slug: string }>;
  let categoryId = 0;

  beforeAll(async () => {
    const organization = await createOrganization(db);
    const otherOrganization = await createOrganization(db);
    people.customer = await createUser(db, { role: "customer" });
    people.orgCustomer = await createUser(db, { role: "customer", organizationId: organization.id });
    people.otherOrgCustomer = await createUser(db, { role: "customer", organizationId: otherOrganization.id });
    people.agent = await createUser(db, { role: "agent" });
    people.manager = await createUser(db, { role: "manager" });
    const manager = callerFor(db, people.manager).knowledge.manage;
    const agent = callerFor(db, people.agent).knowledge.manage;
    categoryId = (await manager.createCategory({ name: unique("Getting started"), description: "First steps" })).id;
    const sectionId = (await manager.createSection({ categoryId, name: "Basics", description: "" })).id;
    const write = async (title: string, visibility: "public" | "signed_in" | "internal", organizationId: string | null = null) =>
      agent.create({ title, body: `How to ${word} the printer.\n\nStep one: check the tray.`, sectionId, visibility, organizationId });
    articles.public = await write(`Public ${word} guide`, "public");
    articles.signedIn = await write(`Members ${word} guide`, "signed_in");
    articles.orgOnly = await write(`Organization ${word} guide`, "signed_in", organization.id);
    articles.internal = await write(`Internal ${word} runbook`, "internal");
    articles.draft = await write(`Draft ${word} notes`, "public");
    for (const key of ["public", "signedIn", "orgOnly", "internal"] as const) await manager.publish({ id: articles[key].id });
  });

  /** Which of our articles each door shows this reader. */
  async function visibleTo(user: SessionUser | null) {
    const api = callerFor(db, user).knowledge;
    const ours = Object.fromEntries(Object.entries(articles).map(([key, article]) => [article.id, key]));
    const keysOf = (ids: number[]) => ids.map((id) => ours[id]).filter(Boolean).sort();
    const byId = await Promise.all(Object.values(articles).map(async (article) => ((await refusalOf(api.article({ id: article.id }))) === "OK" ? article.id : null)));
    const search = await api.search({ q: word });
    const category = await api.category({ id: categoryId }).catch(() => null);
    const sitemap = await api.sitemap();
    const count = (await api.categories()).find((candidate) => candidate.id === categoryId)?.articleCount ?? 0;
    return {
      pages: keysOf(byId.filter((id): id is number => id !== null)),
      search: keysOf(search.map((hit) => hit.id)),
      category: keysOf(category?.sections.flatMap((section) => section.articles.map((article) => article.id)) ?? []),
      sitemap: keysOf(sitemap.map((article) => article.id)),
      count,
    };
  }

  it("shows an anonymous visitor only published public articles, at every door", async () => {
    expect(await visibleTo(null)).toEqual({ pages: ["public"], search: ["public"], category: ["public"], sitemap: ["public"], count: 1 });
  });

  it("shows a signed-in customer public and signed-in articles, and their own organization's only to its members", async () => {
    expect(await visibleTo(people.customer)).toMatchObject({ pages: ["public", "signedIn"], search: ["public", "signedIn"], category: ["public", "signedIn"], count: 2 });
    expect(await visibleTo(people.otherOrgCustomer)).toMatchObject({ pages: ["public", "signedIn"], search: ["public", "signedIn"], count: 2 });
    expect(await visibleTo(people.orgCustomer)).toMatchObject({ pages: ["orgOnly", "public", "signedIn"], search: ["orgOnly", "public", "signedIn"], count: 3 });
  });

  it("never shows an internal article or a draft to a customer or anonymous visitor, and refuses their feedback on one", async () => {
    for (const user of [null, people.customer, people.orgCustomer]) {
      const api = callerFor(db, user).knowledge;
      for (const hidden of [articles.internal, articles.draft]) {
        expect(await refusalOf(api.article({ id: hidden.id }))).toBe("NOT_FOUND");
        expect(await refusalOf(api.feedback({ articleId: hidden.id, helpful: true }))).toBe("NOT_FOUND");
      }
      const seen = await visibleTo(user);
      for (const list of [seen.pages, seen.search, seen.category, seen.sitemap]) expect(list).not.toContain("internal");
      for (const list of [seen.pages, seen.search, seen.category, seen.sitemap]) expect(list).not.toContain("draft");
    }
  });

  it("lets staff read internal articles and drafts, and lists only published ones in the help center", async () => {
    const seen = await visibleTo(people.agent);
    expect(seen.pages).toEqual(["draft", "internal", "orgOnly", "public", "signedIn"]);
    expect(seen.search).toEqual(["internal", "orgOnly", "public", "signedIn"]);
    expect(seen.sitemap).toEqual(["public"]);
  });

  it("finds an article by a word of its body, ranked, with the word highlighted", async () => {
    const [hit] = await callerFor(db, null).knowledge.search({ q: "tray" + " " + word });
    expect(hit?.id).toBe(articles.public.id);
    expect(hit?.snippet).toContain(`${HIGHLIGHT_START}tray${HIGHLIGHT_END}`);
    expect(await callerFor(db, null).knowledge.search({ q: `"${word} the printer"` })).toHaveLength(1);
    // No article has every word: any word may match, so the reader still gets an answer.
    expect((await callerFor(db, null).knowledge.search({ q: `${word} ${nonsenseWord()}` })).map((hit) => hit.id)).toEqual([articles.public.id]);
    // A phrase or an exclusion is taken as written.
    expect(await callerFor(db, null).knowledge.search({ q: `"${nonsenseWord()} ${word}"` })).toEqual([]);
  });

  it("records a revision on every write, with who made it", async () => {
    const agent = callerFor(db, people.agent).knowledge.manage;
    const manager = callerFor(db, people.manager).knowledge.manage;
    const created = await agent.create({ title: `Revised ${word}`, body: "First words.", sectionId: (await agent.sections())[0]!.id, visibility: "public" });
    await agent.update({ id: created.id, title: `Revised ${word} again`, body: "Second words.", sectionId: (await agent.sections())[0]!.id, visibility: "public" });
    await manager.publish({ id: created.id });
    await manager.archive({ id: created.id });
    const { revisions } = await agent.get({ id: created.id });
    expect(revisions.map((revision) => revision.action)).toEqual(["archived", "published", "edited", "created"]);
    const rows = await db.select().from(articleRevisions).where(eq(articleRevisions.articleId, created.id));
    expect(rows.find((row) => row.action === "edited")).toMatchObject({ authorId: people.agent.id, title: `Revised ${word} again`, body: "Second words." });
    expect(rows.find((row) => row.action === "published")).toMatchObject({ authorId: people.manager.id, state: "published" });
  });

  it("lets agents draft but not publish, archive or edit a published article; managers do", async () => {
    const agent = callerFor(db, people.agent).knowledge.manage;
    const manager = callerFor(db, people.manager).knowledge.manage;
    const sectionId = (await agent.sections())[0]!.id;
    const draft = await agent.create({ title: `Roles ${word}`, body: "Body.", sectionId, visibility: "public" });
    expect(await refusalOf(agent.publish({ id: draft.id }))).toBe("FORBIDDEN");
    expect(await refusalOf(agent.archive({ id: draft.id }))).toBe("FORBIDDEN");
    expect(await refusalOf(agent.createCategory({ name: "Nope", description: "" }))).toBe("FORBIDDEN");
    await manager.publish({ id: draft.id });
    expect(await refusalOf(agent.update({ id: draft.id, title: "Changed", body: "Body.", sectionId, visibility: "public" }))).toBe("FORBIDDEN");
    expect(await refusalOf(manager.update({ id: draft.id, title: `Roles ${word} edited`, body: "Body.", sectionId, visibility: "public" }))).toBe("OK");
    expect(await refusalOf(callerFor(db, people.customer).knowledge.manage.create({ title: "x", body: "y", sectionId, visibility: "public" }))).toBe("FORBIDDEN");
    const category = await manager.createCategory({ name: `Category ${word}`, description: "" });
    await manager.createSection({ categoryId: category.id, name: "Only section", description: "" });
    expect((await agent.categories()).find((row) => row.id === category.id)).toMatchObject({ name: `Category ${word}`, sectionCount: 1 });
    expect(await refusalOf(agent.createSection({ categoryId: category.id, name: "Nope", description: "" }))).toBe("FORBIDDEN");
  });

  it("takes helpful / not helpful answers from anonymous visitors, with an optional comment", async () => {
    await callerFor(db, null).knowledge.feedback({ articleId: articles.public.id, helpful: false, comment: "Missing a step." });
    await callerFor(db, people.customer).knowledge.feedback({ articleId: articles.public.id, helpful: true });
    const rows = await db.select().from(articleFeedback).where(eq(articleFeedback.articleId, articles.public.id));
    expect(rows.map((row) => [row.helpful, row.comment, row.userId]).sort()).toEqual(
      [
        [false, "Missing a step.", null],
        [true, null, people.customer.id],
      ].sort(),
    );
  });

  it("limits anonymous answers per client address", async () => {
    const fromOneAddress = createCallerFactory(appRouter)({ db, user: null, clientAddress: unique("address") });
    for (let answer = 0; answer < 30; answer += 1) await fromOneAddress.knowledge.feedback({ articleId: articles.public.id, helpful: true });
    expect(await refusalOf(fromOneAddress.knowledge.feedback({ articleId: articles.public.id, helpful: true }))).toBe("TOO_MANY_REQUESTS");
  });
});
