import "server-only";
import { z } from "zod";
import { articleStates, articleVisibilities } from "@/lib/knowledge-vocabulary";

const id = z.number().int().positive().max(2_147_483_647);

export const articleIdInput = z.object({ id });
export const categoryIdInput = z.object({ id });
export const articleSearchInput = z.object({ q: z.string().trim().min(1, "Type a few words to search for.").max(200, "Keep the search under 200 characters.") });
/** The subject a customer is typing into the new-ticket form (empty or short answers no suggestions). */
export const articleSuggestInput = z.object({ subject: z.string().trim().max(200, "Keep the subject under 200 characters.") });
export const articleLinkSearchInput = z.object({
  number: z.number().int().positive().max(2_147_483_647),
  q: z.string().trim().min(1, "Type a few words to search for.").max(200, "Keep the search under 200 characters."),
});
export const articleFromTicketInput = z.object({ number: z.number().int().positive().max(2_147_483_647), sectionId: id });
export const articleFeedbackInput = z.object({
  articleId: id,
  helpful: z.boolean(),
  comment: z.string().trim().max(2_000, "Keep the comment under 2,000 characters.").optional(),
});

export const articleDraftInput = z.object({
  title: z.string().trim().min(1, "Give the article a title.").max(200, "Keep the title under 200 characters."),
  body: z.string().trim().min(1, "Write the article first.").max(100_000, "Keep the article under 100,000 characters."),
  sectionId: id,
  visibility: z.enum(articleVisibilities, "Choose who may read the article."),
  organizationId: z.uuid("Choose an organization.").nullable().optional(),
});
export const articleUpdateInput = articleDraftInput.extend({ id });
export const articleListInput = z.object({ state: z.enum(articleStates).optional() }).optional();

const name = z.string().trim().min(1, "Give it a name.").max(120, "Keep the name under 120 characters.");
const description = z.string().trim().max(500, "Keep the description under 500 characters.").default("");
export const articleCategoryInput = z.object({ name, description });
export const articleSectionInput = z.object({ categoryId: id, name, description });
/** The description is kept when left out (the desk's rename form sends only the name). */
export const articleCategoryRenameInput = z.object({ id, name, description: z.string().trim().max(500, "Keep the description under 500 characters.").optional() });
export const articleSectionRenameInput = z.object({ id, name });
export const articleMoveInput = z.object({ id, direction: z.enum(["up", "down"], "Choose up or down.") });
