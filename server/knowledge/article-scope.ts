import "server-only";
import { and, eq, isNull, or, type SQL } from "drizzle-orm";
import { articles } from "@/db/schema";
import { isStaff, type SessionUser } from "@/server/users/session-user";

/**
 * The one rule of who reads which knowledge-base article, used by every door
 * (help-center pages, tRPC, search, the sitemap):
 *
 * - staff (agents, managers, admins) read every article in every state;
 * - a signed-in customer reads published articles that are public, or for
 *   signed-in people with no organization set, or for their own organization;
 * - an anonymous visitor reads published public articles only.
 *
 * Null means "no condition" (staff), so callers spread it into `and(...)`.
 */
export type ArticleViewer = Pick<SessionUser, "role" | "organizationId"> | null;

export function readableArticles(viewer: ArticleViewer): SQL | undefined {
  if (viewer && isStaff(viewer)) return undefined;
  const published = eq(articles.state, "published");
  if (!viewer) return and(published, eq(articles.visibility, "public"));
  const signedIn = and(
    eq(articles.visibility, "signed_in"),
    viewer.organizationId ? or(isNull(articles.organizationId), eq(articles.organizationId, viewer.organizationId)) : isNull(articles.organizationId),
  );
  return and(published, or(eq(articles.visibility, "public"), signedIn));
}

/** Articles a help-center reader (not the desk) lists: only published ones, even for staff, within what the viewer may read. */
export function listedInHelpCenter(viewer: ArticleViewer): SQL | undefined {
  return and(eq(articles.state, "published"), readableArticles(viewer));
}
