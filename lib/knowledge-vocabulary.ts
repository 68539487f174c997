/**
 * Closed vocabularies of the knowledge base, shared by the schema, the zod
 * inputs and the UI (plain constants, safe in the browser bundle).
 */
export const articleStates = ["draft", "published", "archived"] as const;
export type ArticleState = (typeof articleStates)[number];

/**
 * Who may read a published article: anyone (`public`), signed-in people
 * (`signed_in`, optionally narrowed to one organization), or staff only
 * (`internal`). Staff read every article in every state.
 */
export const articleVisibilities = ["public", "signed_in", "internal"] as const;
export type ArticleVisibility = (typeof articleVisibilities)[number];

export const articleVisibilityLabels: Record<ArticleVisibility, string> = {
  public: "Public",
  signed_in: "Signed-in customers",
  internal: "Agents only",
};
