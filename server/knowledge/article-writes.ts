import "server-only";
import { asc, count, desc, eq, sql } from "drizzle-orm";
import { articleCategories, articleRevisions, articles, articleSections, organizations, users } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { slugOf } from "@/lib/article-slug";
import type { ArticleState, ArticleVisibility } from "@/lib/knowledge-vocabulary";
import { AppError } from "@/server/errors";
import { hasRole, type SessionUser } from "@/server/users/session-user";

/**
 * Writing the knowledge base. Agents write and edit drafts; managers and
 * admins also edit published articles, publish, archive, and shape the
 * categories and sections. Every write to an article appends a revision (who,
 * what, a snapshot of title and body) in the same transaction.
 */

export interface ArticleDraft {
  title: string;
  body: string;
  sectionId: number;
  visibility: ArticleVisibility;
  organizationId?: string | null;
}

type Staff = Pick<SessionUser, "id" | "role">;

async function requireSection(tx: DbOrTx, sectionId: number): Promise<void> {
  const [section] = await tx.select({ id: articleSections.id }).from(articleSections).where(eq(articleSections.id, sectionId)).limit(1);
  if (!section) throw new AppError("INVALID", "Choose a section.", { fieldErrors: { sectionId: ["This section does not exist."] } });
}

async function requireOrganization(tx: DbOrTx, draft: ArticleDraft): Promise<string | null> {
  if (draft.visibility !== "signed_in" || !draft.organizationId) return null;
  const [organization] = await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, draft.organizationId)).limit(1);
  if (!organization) throw new AppError("INVALID", "Choose an organization.", { fieldErrors: { organizationId: ["This organization does not exist."] } });
  return organization.id;
}

async function recordRevision(tx: DbOrTx, articleId: number, actor: Staff, action: string): Promise<void> {
  const [snapshot] = await tx
    .select({ title: articles.title, body: articles.body, state: articles.state, visibility: articles.visibility })
    .from(articles)
    .where(eq(articles.id, articleId))
    .limit(1);
  if (!snapshot) throw new AppError("NOT_FOUND", "This article does not exist.");
  await tx.insert(articleRevisions).values({ articleId, action, authorId: actor.id, ...snapshot });
}

/** An agent's new article, always a draft. */
export async function createArticle(db: DbOrTx, actor: Staff, draft: ArticleDraft): Promise<{ id: number; slug: string }> {
  return db.transaction(async (tx) => {
    await requireSection(tx, draft.sectionId);
    const organizationId = await requireOrganization(tx, draft);
    const [created] = await tx
      .insert(articles)
      .values({
        title: draft.title,
        slug: slugOf(draft.title),
        body: draft.body,
        sectionId: draft.sectionId,
        visibility: draft.visibility,
        organizationId,
        authorId: actor.id,
        state: "draft",
      })
      .returning({ id: articles.id, slug: articles.slug });
    if (!created) throw new Error("The article was not created.");
    await recordRevision(tx, created.id, actor, "created");
    return created;
  });
}

/** Agents edit drafts only; a published or archived article is a manager's. The one rule for the form and for its images. */
export function assertMayEditArticle(actor: Pick<SessionUser, "role">, state: ArticleState): void {
  if (state !== "draft" && !hasRole(actor, "manager")) {
    throw new AppError("FORBIDDEN", "Only a manager can edit a published or archived article.");
  }
}

async function lockArticle(tx: DbOrTx, articleId: number) {
  const [article] = await tx.select({ id: articles.id, state: articles.state }).from(articles).where(eq(articles.id, articleId)).for("update").limit(1);
  if (!article) throw new AppError("NOT_FOUND", "This article does not exist.");
  return article;
}

/** Edits title, body, section and visibility. Agents edit drafts only; a published or archived article is a manager's. */
export async function updateArticle(db: DbOrTx, actor: Staff, articleId: number, draft: ArticleDraft): Promise<{ id: number; slug: string }> {
  return db.transaction(async (tx) => {
    const current = await lockArticle(tx, articleId);
    assertMayEditArticle(actor, current.state);
    await requireSection(tx, draft.sectionId);
    const organizationId = await requireOrganization(tx, draft);
    const [updated] = await tx
      .update(articles)
      .set({
        title: draft.title,
        slug: slugOf(draft.title),
        body: draft.body,
        sectionId: draft.sectionId,
        visibility: draft.visibility,
        organizationId,
        updatedAt: new Date(),
      })
      .where(eq(articles.id, articleId))
      .returning({ id: articles.id, slug: articles.slug });
    if (!updated) throw new AppError("NOT_FOUND", "This article does not exist.");
    await recordRevision(tx, articleId, actor, "edited");
    return updated;
  });
}

const actionOf: Record<ArticleState, string> = { published: "published", archived: "archived", draft: "unpublished" };

/** Publishes, archives or returns an article to draft (managers and admins; the router states the role). */
export async function setArticleState(db: DbOrTx, actor: Staff, articleId: number, state: ArticleState): Promise<{ id: number; state: ArticleState }> {
  return db.transaction(async (tx) => {
    const current = await lockArticle(tx, articleId);
    if (current.state === state) return { id: articleId, state };
    const now = new Date();
    await tx
      .update(articles)
      .set({ state, updatedAt: now, ...(state === "published" ? { publishedAt: now } : {}) })
      .where(eq(articles.id, articleId));
    await recordRevision(tx, articleId, actor, actionOf[state]);
    return { id: articleId, state };
  });
}

/** The desk's list: every article (staff read all), newest change first, optionally one state. */
export async function deskArticleList(db: DbOrTx, filter: { state?: ArticleState }) {
  return db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      state: articles.state,
      visibility: articles.visibility,
      sectionName: articleSections.name,
      categoryName: articleCategories.name,
      authorName: users.name,
      updatedAt: articles.updatedAt,
    })
    .from(articles)
    .innerJoin(articleSections, eq(articleSections.id, articles.sectionId))
    .innerJoin(articleCategories, eq(articleCategories.id, articleSections.categoryId))
    .leftJoin(users, eq(users.id, articles.authorId))
    .where(filter.state ? eq(articles.state, filter.state) : undefined)
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(500);
}

/** One article for the desk editor, with its revisions (newest first). */
export async function deskArticle(db: DbOrTx, articleId: number) {
  const [article] = await db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      body: articles.body,
      state: articles.state,
      visibility: articles.visibility,
      organizationId: articles.organizationId,
      sectionId: articles.sectionId,
      updatedAt: articles.updatedAt,
      publishedAt: articles.publishedAt,
    })
    .from(articles)
    .where(eq(articles.id, articleId))
    .limit(1);
  if (!article) throw new AppError("NOT_FOUND", "This article does not exist.");
  const revisions = await db
    .select({ id: articleRevisions.id, action: articleRevisions.action, title: articleRevisions.title, state: articleRevisions.state, authorName: users.name, createdAt: articleRevisions.createdAt })
    .from(articleRevisions)
    .leftJoin(users, eq(users.id, articleRevisions.authorId))
    .where(eq(articleRevisions.articleId, articleId))
    .orderBy(desc(articleRevisions.createdAt), desc(articleRevisions.id))
    .limit(100);
  return { article, revisions };
}

/** Sections grouped under their categories, for the editor's section picker. */
export async function sectionOptions(db: DbOrTx) {
  return db
    .select({ id: articleSections.id, name: articleSections.name, categoryId: articleSections.categoryId, categoryName: articleCategories.name })
    .from(articleSections)
    .innerJoin(articleCategories, eq(articleCategories.id, articleSections.categoryId))
    .orderBy(asc(articleCategories.position), asc(articleCategories.id), asc(articleSections.position), asc(articleSections.id));
}

/** Every category in order, with how many sections it has, for the desk's category and section forms. */
export async function categoryOptions(db: DbOrTx) {
  return db
    .select({ id: articleCategories.id, name: articleCategories.name, sectionCount: count(articleSections.id) })
    .from(articleCategories)
    .leftJoin(articleSections, eq(articleSections.categoryId, articleCategories.id))
    .groupBy(articleCategories.id)
    .orderBy(asc(articleCategories.position), asc(articleCategories.id));
}

/** A new category, placed last. */
export async function createArticleCategory(db: DbOrTx, input: { name: string; description: string }): Promise<{ id: number }> {
  const [created] = await db
    .insert(articleCategories)
    .values({ ...input, position: sql`(select coalesce(max(${articleCategories.position}), 0) + 1 from ${articleCategories})` })
    .returning({ id: articleCategories.id });
  if (!created) throw new Error("The category was not created.");
  return created;
}

/** A new section at the end of its category. */
export async function createArticleSection(db: DbOrTx, input: { categoryId: number; name: string; description: string }): Promise<{ id: number }> {
  const [category] = await db.select({ id: articleCategories.id }).from(articleCategories).where(eq(articleCategories.id, input.categoryId)).limit(1);
  if (!category) throw new AppError("INVALID", "Choose a category.", { fieldErrors: { categoryId: ["This category does not exist."] } });
  const [created] = await db
    .insert(articleSections)
    .values({
      ...input,
      position: sql`(select coalesce(max(${articleSections.position}), 0) + 1 from ${articleSections} where ${eq(articleSections.categoryId, input.categoryId)})`,
    })
    .returning({ id: articleSections.id });
  if (!created) throw new Error("The section was not created.");
  return created;
}
