import "server-only";
import { and, count, desc, eq, gte, isNotNull, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { articleFeedback, articles, helpCenterEvents, intakeVisits } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import type { ReportInput } from "./report-input";
import { numberOrNull, percentOf, type ReportTable } from "./report-table";

/**
 * The help center's reports, over the same local-date range as the others
 * (ticket filters do not apply: views, searches and visits belong to no
 * ticket). They read help_center_events, article_feedback and intake_visits
 * through their time indexes. What was counted already went through the
 * article scope when it was recorded (server/knowledge/help-center-events.ts).
 */

/** A visit with no ticket an hour after it started is over: the customer left without writing. */
export const VISIT_ENDS_AFTER = "1 hour";
const TOP = 20;

function inRange(column: PgColumn, input: ReportInput): SQL | undefined {
  return and(
    gte(column, sql`(${input.from}::timestamp at time zone ${input.timeZone})`),
    lt(column, sql`((${input.to}::date + 1)::timestamp at time zone ${input.timeZone})`),
  );
}

/** The most-read articles in the range (top 20). */
export async function articleViewsReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const views = count();
  const rows = await db
    .select({ title: articles.title, views, readers: sql<number>`count(distinct ${helpCenterEvents.userId})::int` })
    .from(helpCenterEvents)
    .innerJoin(articles, eq(articles.id, helpCenterEvents.articleId))
    .where(and(eq(helpCenterEvents.kind, "article_view"), inRange(helpCenterEvents.createdAt, input)))
    .groupBy(articles.id)
    .orderBy(desc(views), articles.title)
    .limit(TOP);
  return {
    columns: [
      { key: "title", label: "Article", kind: "text" },
      { key: "views", label: "Views", kind: "count" },
      { key: "readers", label: "Signed-in readers", kind: "count" },
    ],
    rows: rows.map((row) => ({ title: row.title, views: row.views, readers: numberOrNull(row.readers) ?? 0 })),
  };
}

/** The searches that found nothing, most frequent first (top 20): the articles still to write. */
export async function searchesWithoutResultReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const searches = count();
  const rows = await db
    .select({ query: helpCenterEvents.query, searches, lastSearched: sql<string>`to_char(max(${helpCenterEvents.createdAt}) at time zone ${input.timeZone}, 'YYYY-MM-DD')` })
    .from(helpCenterEvents)
    .where(and(eq(helpCenterEvents.kind, "search"), eq(helpCenterEvents.resultCount, 0), isNotNull(helpCenterEvents.query), inRange(helpCenterEvents.createdAt, input)))
    .groupBy(helpCenterEvents.query)
    .orderBy(desc(searches), helpCenterEvents.query)
    .limit(TOP);
  return {
    columns: [
      { key: "query", label: "Search", kind: "text" },
      { key: "searches", label: "Searches", kind: "count" },
      { key: "lastSearched", label: "Last searched", kind: "text" },
    ],
    rows: rows.map((row) => ({ query: row.query, searches: row.searches, lastSearched: row.lastSearched })),
  };
}

/** "Was this helpful?" per article in the range, most answered first (top 50). */
export async function articleHelpfulnessReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const answers = count();
  const rows = await db
    .select({
      title: articles.title,
      helpful: sql<number>`count(*) filter (where ${articleFeedback.helpful})::int`,
      notHelpful: sql<number>`count(*) filter (where not ${articleFeedback.helpful})::int`,
      answers,
    })
    .from(articleFeedback)
    .innerJoin(articles, eq(articles.id, articleFeedback.articleId))
    .where(inRange(articleFeedback.createdAt, input))
    .groupBy(articles.id)
    .orderBy(desc(answers), articles.title)
    .limit(50);
  return {
    columns: [
      { key: "title", label: "Article", kind: "text" },
      { key: "helpful", label: "Helpful", kind: "count" },
      { key: "notHelpful", label: "Not helpful", kind: "count" },
      { key: "helpfulShare", label: "Helpful share", kind: "percent" },
    ],
    rows: rows.map((row) => {
      const helpful = numberOrNull(row.helpful) ?? 0;
      const notHelpful = numberOrNull(row.notHelpful) ?? 0;
      return { title: row.title, helpful, notHelpful, helpfulShare: percentOf(helpful, helpful + notHelpful) };
    }),
  };
}

/**
 * Visits to the portal's new-ticket form started in the range: how many
 * ended (with a ticket, or an hour without one), how many of those ended
 * without a ticket, and the deflections among them: visits that opened a
 * suggested article and never became a ticket.
 */
export async function deflectionReport(db: DbOrTx, input: ReportInput): Promise<ReportTable> {
  const over = lt(intakeVisits.startedAt, sql`now() - ${VISIT_ENDS_AFTER}::interval`);
  const withoutTicket = and(isNull(intakeVisits.ticketId), over);
  const [row] = await db
    .select({
      visits: count(),
      ended: sql<number>`count(*) filter (where ${or(isNotNull(intakeVisits.ticketId), over)})::int`,
      withoutTicket: sql<number>`count(*) filter (where ${withoutTicket})::int`,
      openedArticle: sql<number>`count(*) filter (where ${intakeVisits.articlesOpened} > 0)::int`,
      deflections: sql<number>`count(*) filter (where ${and(withoutTicket, sql`${intakeVisits.articlesOpened} > 0`)})::int`,
    })
    .from(intakeVisits)
    .where(inRange(intakeVisits.startedAt, input));
  const figures = {
    visits: numberOrNull(row?.visits) ?? 0,
    ended: numberOrNull(row?.ended) ?? 0,
    withoutTicket: numberOrNull(row?.withoutTicket) ?? 0,
    openedArticle: numberOrNull(row?.openedArticle) ?? 0,
    deflections: numberOrNull(row?.deflections) ?? 0,
  };
  return {
    columns: [
      { key: "visits", label: "New-ticket visits", kind: "count" },
      { key: "ended", label: "Ended", kind: "count" },
      { key: "withoutTicket", label: "Ended without a ticket", kind: "count" },
      { key: "withoutTicketShare", label: "Share without a ticket", kind: "percent" },
      { key: "openedArticle", label: "Opened a suggested article", kind: "count" },
      { key: "deflections", label: "Deflections", kind: "count" },
    ],
    rows: [{ ...figures, withoutTicketShare: percentOf(figures.withoutTicket, figures.ended) }],
  };
}
