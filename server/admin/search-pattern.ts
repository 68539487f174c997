import "server-only";

/** An ILIKE pattern for "contains", with LIKE wildcards escaped so a search for "50%" means the text "50%". */
export function containsPattern(query: string): string {
  return `%${query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
