/**
 * The help center's counts cannot be inflated by one client: views of one
 * article and searches for one query are counted a few times an hour per
 * person (or per address when signed out); past that, the page and the
 * search still answer, they are just not counted again.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { helpCenterEvents } from "@/db/schema";
import { rateLimitPolicies } from "@/server/rate-limit";
import { appRouter } from "@/server/routers/_app";
import { createCallerFactory } from "@/server/trpc";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createUser, unique } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { useTestDatabase } from "../support/test-db";

const createCaller = createCallerFactory(appRouter);
const perHour = rateLimitPolicies.articleViewsPerClientAndArticle.points;

describe("help-center event limits", async () => {
  const { db } = await useTestDatabase();
  const word = nonsenseWord();
  let articleId = 0;
  let customer: SessionUser;
  const visitorFrom = (clientAddress: string, user: SessionUser | null = null) => createCaller({ db, user, clientAddress }).knowledge;
  const views = () => db.$count(helpCenterEvents, and(eq(helpCenterEvents.kind, "article_view"), eq(helpCenterEvents.articleId, articleId)));
  const searches = (query: string) => db.$count(helpCenterEvents, and(eq(helpCenterEvents.kind, "search"), eq(helpCenterEvents.query, query)));
  const address = () => `203.0.113.${Math.floor(Math.random() * 250)}-${unique("client")}`;

  beforeAll(async () => {
    customer = await createUser(db, { role: "customer" });
    const manager = callerFor(db, await createUser(db, { role: "manager" })).knowledge.manage;
    const categoryId = (await manager.createCategory({ name: unique("Counting"), description: "" })).id;
    const sectionId = (await manager.createSection({ categoryId, name: "Counts", description: "" })).id;
    articleId = (await manager.create({ title: `How to ${word} a hub`, body: `Press ${word} twice.`, sectionId, visibility: "public" })).id;
    await manager.publish({ id: articleId });
  });

  it("counts an article's views a few times an hour per address, and each address on its own", async () => {
    const first = address();
    for (let i = 0; i < perHour + 3; i += 1) await visitorFrom(first).recordView({ id: articleId });
    expect(await views()).toBe(perHour);
    await visitorFrom(address()).recordView({ id: articleId });
    expect(await views()).toBe(perHour + 1);
  });

  it("counts a signed-in reader by person, whatever address they come from", async () => {
    const before = await views();
    for (let i = 0; i < perHour + 2; i += 1) await visitorFrom(address(), customer).recordView({ id: articleId });
    expect(await views()).toBe(before + perHour);
  });

  it("counts a repeated search a few times an hour per client, and still answers it every time", async () => {
    const client = address();
    const query = `${word} ${nonsenseWord()}`;
    for (let i = 0; i < perHour + 3; i += 1) expect(await visitorFrom(client).search({ q: word })).toEqual([expect.objectContaining({ id: articleId })]);
    expect(await searches(word)).toBe(rateLimitPolicies.helpCenterSearchesPerClientAndQuery.points);
    // Another query from the same client is its own count.
    await visitorFrom(client).search({ q: query });
    expect(await searches(query)).toBe(1);
  });
});
