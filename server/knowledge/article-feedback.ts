import "server-only";
import { and, eq } from "drizzle-orm";
import { articleFeedback, articles } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { AppError } from "@/server/errors";
import { consumeRateLimit } from "@/server/rate-limit";
import type { SessionUser } from "@/server/users/session-user";
import { readableArticles } from "./article-scope";

/**
 * "Was this helpful?" — open to anonymous visitors, so it is rate-limited by
 * client address (or by person when signed in), and only for an article the
 * visitor may read (an unreadable one is NOT_FOUND, as on its page).
 */
export async function recordArticleFeedback(
  db: DbOrTx,
  viewer: SessionUser | null,
  clientAddress: string | null | undefined,
  input: { articleId: number; helpful: boolean; comment?: string },
): Promise<{ recorded: true }> {
  const [article] = await db
    .select({ id: articles.id })
    .from(articles)
    .where(and(eq(articles.id, input.articleId), readableArticles(viewer)))
    .limit(1);
  if (!article) throw new AppError("NOT_FOUND", "This article does not exist.");
  await consumeRateLimit(db, "articleFeedbackPerAddress", viewer ? `user:${viewer.id}` : `address:${clientAddress ?? "unknown"}`);
  await db.insert(articleFeedback).values({ articleId: article.id, helpful: input.helpful, comment: input.comment || null, userId: viewer?.id ?? null });
  return { recorded: true };
}
