import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { articles, articleSections, tickets, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { articlePath } from "@/lib/article-slug";
import { env } from "@/server/env";
import { AppError } from "@/server/errors";
import { scoped } from "@/server/tickets/ticket-scope";
import type { SessionUser } from "@/server/users/session-user";
import { listedInHelpCenter, readableArticles } from "./article-scope";

export interface LinkableArticle {
  id: number;
  title: string;
  sectionName: string;
  /** The article's full address, for a Markdown link in a reply. */
  url: string;
  /** Whether the ticket's requester may open it (article-scope.ts, as that requester). */
  requesterCanRead: boolean;
}

/**
 * Published articles an agent may link from a ticket's composer, best match
 * first, each saying whether the ticket's requester could open it. The
 * requester's reach is the one article scope, evaluated for them in the same
 * query, so the composer never guesses from the visibility label.
 */
export async function linkableArticles(db: DbOrTx, agent: SessionUser, input: { number: number; q: string }): Promise<LinkableArticle[]> {
  const [ticket] = await db
    .select({ role: users.role, organizationId: users.organizationId })
    .from(tickets)
    .innerJoin(users, eq(users.id, tickets.requesterId))
    .where(scoped(agent, eq(tickets.number, input.number)))
    .limit(1);
  if (!ticket) throw new AppError("NOT_FOUND", "This ticket does not exist.");
  const words = sql`websearch_to_tsquery('english', ${input.q})`;
  const anyWord = sql`replace(${words}::text, ' & ', ' | ')::tsquery`;
  const requesterReads = readableArticles(ticket) ?? sql`true`;
  const rows = await db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      sectionName: articleSections.name,
      requesterCanRead: sql<boolean>`coalesce(${requesterReads}, false)`,
    })
    .from(articles)
    .innerJoin(articleSections, eq(articleSections.id, articles.sectionId))
    // Every word ranks first, but a title-ish query with one stray word still finds the article.
    .where(and(sql`${articles.search} @@ ${anyWord}`, listedInHelpCenter(agent)))
    .orderBy(sql`ts_rank(${articles.search}, ${words}) desc`, sql`ts_rank(${articles.search}, ${anyWord}) desc`, desc(articles.updatedAt))
    .limit(8);
  return rows.map(({ slug, ...row }) => ({ ...row, url: `${env.APP_URL}${articlePath({ id: row.id, slug })}` }));
}
