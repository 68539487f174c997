import "server-only";

/** Tags are lower-case words joined by dashes, each once, in the order given. */
export function normalizeTags(tags: string[]): string[] {
  const cleaned = tags
    .map((tag) => tag.trim().toLowerCase().replace(/\s+/g, "-").replace(/[^\p{L}\p{N}_-]/gu, ""))
    .filter(Boolean);
  return [...new Set(cleaned)];
}
