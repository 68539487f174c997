import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";
import { cache } from "react";
import { idOfSegment } from "@/lib/article-slug";
import { getServerApi } from "@/server/caller";

/**
 * The help center's reads, once per request (metadata and page share them).
 * An id the reader may not see is a 404, exactly like one that does not exist.
 */
async function orNotFound<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

export const loadArticle = cache(async (segment: string) => {
  const id = idOfSegment(segment);
  if (id === null) notFound();
  return orNotFound((await getServerApi()).knowledge.article({ id }));
});

export const loadCategory = cache(async (segment: string) => {
  const id = idOfSegment(segment);
  if (id === null) notFound();
  return orNotFound((await getServerApi()).knowledge.category({ id }));
});

/** A plain-text summary of Markdown for meta descriptions: no markup, one line, at most 160 characters. */
export function summaryOf(markdown: string): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/[#>*_`~|-]+/g, " ")
    .replace(/\s+/g, " ")
    .trim();
  return text.length > 160 ? `${text.slice(0, 157).replace(/\s+\S*$/, "")}…` : text;
}
