import "server-only";
import { eq } from "drizzle-orm";
import { articles } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { uploadAttachmentFromRequest } from "@/server/attachments/upload-request";
import type { UploadedAttachment, UploadOptions } from "@/server/attachments/upload";
import { AppError } from "@/server/errors";
import { isStaff, type SessionUser } from "@/server/users/session-user";
import { assertMayEditArticle } from "./article-writes";

/**
 * Images in knowledge-base articles are attachments held by their article
 * (attachments.article_id): the same checks, storage and download route as a
 * ticket's files, the same size limit, but only raster images a browser shows
 * inline. Whoever may edit the article may add one; whoever may read the
 * article may see it (authorize-download.ts asks article-scope.ts). They are
 * never pending, so no message claims them and the sweep of abandoned
 * uploads leaves them alone; deleting the article deletes them.
 */

/** Detected types an article may show (an animated PNG is a PNG). Never SVG: it is active content. */
export const articleImageTypes: ReadonlySet<string> = new Set(["image/png", "image/apng", "image/jpeg", "image/gif", "image/webp"]);

const refusal = "Only images can go in an article: PNG, JPEG, GIF or WebP.";

/** The upload's options for an image of this article. */
export function articleImageUpload(articleId: number): UploadOptions {
  return { articleId, acceptedTypes: { types: articleImageTypes, refusal } };
}

/** Staff who may edit the article (agents: drafts only), else the error saying why; a missing article is NOT_FOUND. */
export async function assertMayAddArticleImage(db: DbOrTx, actor: SessionUser, articleId: number): Promise<void> {
  if (!isStaff(actor)) throw new AppError("NOT_FOUND", "This article does not exist.");
  const [article] = await db.select({ state: articles.state }).from(articles).where(eq(articles.id, articleId)).limit(1);
  if (!article) throw new AppError("NOT_FOUND", "This article does not exist.");
  assertMayEditArticle(actor, article.state);
}

/** What POST /api/articles/<id>/images does once it knows who is asking: check, then store the one file of the request. */
export async function uploadArticleImageFromRequest(db: DbOrTx, actor: SessionUser, articleId: number, request: Request): Promise<UploadedAttachment> {
  await assertMayAddArticleImage(db, actor, articleId);
  return uploadAttachmentFromRequest(db, actor, request, articleImageUpload(articleId));
}
