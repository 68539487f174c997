import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { articles, helpCenterEvents } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { consumeRateLimitState, type RateLimitPolicy } from "@/server/rate-limit";
import { isStaff, type SessionUser } from "@/server/users/session-user";
import { listedInHelpCenter } from "./article-scope";
import { searchArticles, type ArticleSearchHit } from "./help-center";

/**
 * What the help-center report counts: article views and searches by
 * customers and anonymous visitors. Staff are left out (their reading is
 * previews and checks, not self-service), and so are drafts: a view is
 * recorded only for an article the viewer may read in the help center
 * (article-scope.ts). Recording is one insert and never fails its caller:
 * a lost count is better than a help center that errors. One client (a
 * person, or an address when signed out) counts a few times per article and
 * per query an hour, no more (rate-limit.ts): reloading a page or repeating a
 * search cannot push it up the reports; the reading and searching go on.
 */

type Viewer = Pick<SessionUser, "id" | "role" | "organizationId"> | null;

/** Who is counted: the person when signed in, else the client's address. */
function clientKey(viewer: Viewer, clientAddress: string | null | undefined): string {
  return viewer ? `user:${viewer.id}` : `address:${clientAddress ?? "unknown"}`;
}

/** Whether this client's budget for this event allows one more count. */
async function withinBudget(db: DbOrTx, policy: RateLimitPolicy, key: string): Promise<boolean> {
  return (await consumeRateLimitState(db, policy, key)).allowed;
}

/** One view of a published article the viewer may read; nothing for staff, for an article out of their scope, or past the client's budget. */
export async function recordArticleView(db: DbOrTx, viewer: Viewer, articleId: number, clientAddress?: string | null): Promise<void> {
  if (viewer && isStaff(viewer)) return;
  await quietly("article view", async () => {
    if (!(await withinBudget(db, "articleViewsPerClientAndArticle", `${clientKey(viewer, clientAddress)}:${articleId}`))) return;
    await db.execute(sql`
      insert into ${helpCenterEvents} (kind, article_id, user_id)
      select 'article_view', ${articles.id}, ${viewer?.id ?? null}::uuid from ${articles}
      where ${and(eq(articles.id, articleId), listedInHelpCenter(viewer))}`);
  });
}

/** The form a search is counted under: trimmed, inner spaces collapsed, lower-cased ("Reset  Password " and "reset password" are one query). */
export function normalizedQuery(text: string): string {
  return text.trim().replace(/\s+/g, " ").toLowerCase().slice(0, 200);
}

/** One help-center search and how many articles it found (not past the client's budget for that query). */
export async function recordHelpCenterSearch(db: DbOrTx, viewer: Viewer, text: string, resultCount: number, clientAddress?: string | null): Promise<void> {
  if (viewer && isStaff(viewer)) return;
  const query = normalizedQuery(text);
  if (!query) return;
  await quietly("search", async () => {
    if (!(await withinBudget(db, "helpCenterSearchesPerClientAndQuery", `${clientKey(viewer, clientAddress)}:${query}`))) return;
    await db.insert(helpCenterEvents).values({ kind: "search", query, resultCount, userId: viewer?.id ?? null });
  });
}

async function quietly(what: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await write();
  } catch (error) {
    console.error(`Help center: recording a ${what} failed:`, error);
  }
}

/** The help center's search, counted: the ranked hits, and one search event with how many there were. */
export async function searchHelpCenter(db: DbOrTx, viewer: Viewer, text: string, clientAddress?: string | null): Promise<ArticleSearchHit[]> {
  const hits = await searchArticles(db, viewer, text);
  await recordHelpCenterSearch(db, viewer, text, hits.length, clientAddress);
  return hits;
}
