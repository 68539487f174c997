import "server-only";
import { and, asc, count, desc, eq, ne, sql, type SQL } from "drizzle-orm";
import { articleCategories, articles, articleSections } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "@/lib/search-highlight";
import { AppError } from "@/server/errors";
import { listedInHelpCenter, readableArticles, type ArticleViewer } from "./article-scope";

/**
 * What the help center reads: categories with their sections, a category's
 * articles, one article with its related articles. Every query goes through
 * article-scope.ts, so a reader never learns of an article they may not read
 * (not even by a count).
 */

export interface HelpSection {
  id: number;
  categoryId: number;
  name: string;
  description: string;
  articleCount: number;
}

export interface HelpCategory {
  id: number;
  name: string;
  description: string;
  sections: HelpSection[];
  articleCount: number;
}

/** Categories in order, each with its sections and how many articles the viewer can read there; empty categories are left out. */
export async function helpCenterCategories(db: DbOrTx, viewer: ArticleViewer): Promise<HelpCategory[]> {
  const rows = await db
    .select({
      categoryId: articleCategories.id,
      categoryName: articleCategories.name,
      categoryDescription: articleCategories.description,
      sectionId: articleSections.id,
      sectionName: articleSections.name,
      sectionDescription: articleSections.description,
      articleCount: count(articles.id),
    })
    .from(articleCategories)
    .innerJoin(articleSections, eq(articleSections.categoryId, articleCategories.id))
    .leftJoin(articles, and(eq(articles.sectionId, articleSections.id), listedInHelpCenter(viewer)))
    .groupBy(articleCategories.id, articleSections.id)
    .orderBy(asc(articleCategories.position), asc(articleCategories.id), asc(articleSections.position), asc(articleSections.id));
  const byId = new Map<number, HelpCategory>();
  for (const row of rows) {
    let category = byId.get(row.categoryId);
    if (!category) {
      category = { id: row.categoryId, name: row.categoryName, description: row.categoryDescription, sections: [], articleCount: 0 };
      byId.set(row.categoryId, category);
    }
    if (row.articleCount === 0) continue;
    category.sections.push({ id: row.sectionId, categoryId: row.categoryId, name: row.sectionName, description: row.sectionDescription, articleCount: row.articleCount });
    category.articleCount += row.articleCount;
  }
  return [...byId.values()].filter((category) => category.articleCount > 0);
}

export interface ArticleListItem {
  id: number;
  slug: string;
  title: string;
  sectionId: number;
  updatedAt: Date;
}

const listItem = { id: articles.id, slug: articles.slug, title: articles.title, sectionId: articles.sectionId, updatedAt: articles.updatedAt };

/** One category with its sections and their readable articles (at most 200 per category); NOT_FOUND when it has none the viewer may read. */
export async function helpCenterCategory(db: DbOrTx, viewer: ArticleViewer, categoryId: number) {
  const categories = await helpCenterCategories(db, viewer);
  const category = categories.find((candidate) => candidate.id === categoryId);
  if (!category) throw new AppError("NOT_FOUND", "This category does not exist.");
  const rows = await db
    .select(listItem)
    .from(articles)
    .innerJoin(articleSections, eq(articleSections.id, articles.sectionId))
    .where(and(eq(articleSections.categoryId, categoryId), listedInHelpCenter(viewer)))
    .orderBy(asc(articles.title))
    .limit(200);
  return {
    category: { id: category.id, name: category.name, description: category.description },
    sections: category.sections.map((section) => ({ ...section, articles: rows.filter((row) => row.sectionId === section.id) })),
  };
}

/** One article the viewer may read, with where it sits and up to five related articles from its section; NOT_FOUND otherwise. */
export async function helpCenterArticle(db: DbOrTx, viewer: ArticleViewer, articleId: number) {
  const [article] = await db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      body: articles.body,
      state: articles.state,
      visibility: articles.visibility,
      updatedAt: articles.updatedAt,
      publishedAt: articles.publishedAt,
      sectionId: articleSections.id,
      sectionName: articleSections.name,
      categoryId: articleCategories.id,
      categoryName: articleCategories.name,
    })
    .from(articles)
    .innerJoin(articleSections, eq(articleSections.id, articles.sectionId))
    .innerJoin(articleCategories, eq(articleCategories.id, articleSections.categoryId))
    .where(and(eq(articles.id, articleId), readableArticles(viewer)))
    .limit(1);
  if (!article) throw new AppError("NOT_FOUND", "This article does not exist.");
  const related = await db
    .select(listItem)
    .from(articles)
    .where(and(eq(articles.sectionId, article.sectionId), ne(articles.id, article.id), listedInHelpCenter(viewer)))
    .orderBy(desc(articles.updatedAt))
    .limit(5);
  return { article, related };
}

export interface ArticleSearchHit {
  id: number;
  slug: string;
  title: string;
  sectionName: string;
  /** The best passage of the body; the matched words sit between HIGHLIGHT_START and HIGHLIGHT_END. */
  snippet: string;
}

const headlineOptions = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_END}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

/**
 * Full-text search over titles and bodies of the articles the viewer may read,
 * best match first (websearch syntax: words, "phrases", -not). Every word must
 * match; when that finds nothing for plain words, any word may (a reader's
 * "refund card" should still find the refund policy), ranked by how many match.
 */
export async function searchArticles(db: DbOrTx, viewer: ArticleViewer, text: string, limit = 20): Promise<ArticleSearchHit[]> {
  const allWords = sql`websearch_to_tsquery('english', ${text})`;
  const hits = await searchWith(db, viewer, allWords, limit);
  if (hits.length > 0 || /["-]|\bor\b/i.test(text)) return hits;
  return searchWith(db, viewer, sql`replace(${allWords}::text, ' & ', ' | ')::tsquery`, limit);
}

async function searchWith(db: DbOrTx, viewer: ArticleViewer, query: SQL, limit: number): Promise<ArticleSearchHit[]> {
  return db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      sectionName: articleSections.name,
      snippet: sql<string>`ts_headline('english', ${articles.body}, ${query}, ${headlineOptions})`,
    })
    .from(articles)
    .innerJoin(articleSections, eq(articleSections.id, articles.sectionId))
    .where(and(sql`${articles.search} @@ ${query}`, listedInHelpCenter(viewer)))
    .orderBy(sql`ts_rank(${articles.search}, ${query}) desc`, desc(articles.updatedAt))
    .limit(limit);
}

/** Every published public article, for the sitemap: what an anonymous visitor (and a search engine) can read. */
export async function sitemapArticles(db: DbOrTx): Promise<{ id: number; slug: string; updatedAt: Date }[]> {
  return db
    .select({ id: articles.id, slug: articles.slug, updatedAt: articles.updatedAt })
    .from(articles)
    .where(listedInHelpCenter(null))
    .orderBy(asc(articles.id))
    .limit(50_000);
}
