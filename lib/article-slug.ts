/** The readable part of an article's address: lower-case words joined by hyphens, at most 80 characters. */
export function slugOf(title: string): string {
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
  return slug || "article";
}

/** `<id>-<slug>` as used in /help addresses; the id alone decides which article it is. */
export function articlePath(article: { id: number; slug: string }): `/help/articles/${string}` {
  return `/help/articles/${article.id}-${article.slug}`;
}

export function categoryPath(category: { id: number; name: string }): `/help/categories/${string}` {
  return `/help/categories/${category.id}-${slugOf(category.name)}`;
}

/** The id at the front of an `<id>-<slug>` segment; null when there is none. */
export function idOfSegment(segment: string): number | null {
  const match = /^(\d{1,9})(?:-|$)/.exec(segment);
  return match ? Number(match[1]) : null;
}
