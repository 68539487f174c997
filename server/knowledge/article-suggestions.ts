import "server-only";
import type { DbOrTx } from "@/db/types";
import type { ArticleViewer } from "./article-scope";
import { searchArticles, type ArticleSearchHit } from "./help-center";

/** How many articles the new-ticket form shows beside the subject. */
export const SUGGESTION_LIMIT = 5;

/**
 * The words of a ticket subject as a plain search: no "phrases", -exclusions
 * or OR, which a subject never means ("Can't sign in - error 403" is not
 * "sign in, without error"). So the help-center search ranks articles with
 * every word first and falls back to any word when none has them all.
 */
export function plainWords(subject: string): string {
  return subject
    .replace(/[^\p{L}\p{N}']+/gu, " ")
    .split(" ")
    .filter((word) => word && word.toLowerCase() !== "or")
    .join(" ");
}

/**
 * Up to five articles for a ticket subject, among those the viewer may read
 * in the help center (article-scope.ts): the search is the help center's own,
 * so an internal article or a draft is never suggested to a customer.
 */
export async function suggestArticles(db: DbOrTx, viewer: ArticleViewer, subject: string): Promise<ArticleSearchHit[]> {
  const words = plainWords(subject);
  if (words.length < 2) return [];
  return searchArticles(db, viewer, words, SUGGESTION_LIMIT);
}
