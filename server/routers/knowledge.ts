import "server-only";
import { recordArticleFeedback } from "@/server/knowledge/article-feedback";
import { draftArticleFromTicket } from "@/server/knowledge/article-from-ticket";
import { linkableArticles } from "@/server/knowledge/article-links";
import { suggestArticles } from "@/server/knowledge/article-suggestions";
import {
  categoryOptions,
  createArticle,
  createArticleCategory,
  createArticleSection,
  deskArticle,
  deskArticleList,
  sectionOptions,
  setArticleState,
  updateArticle,
} from "@/server/knowledge/article-writes";
import { moveArticleCategory, moveArticleSection, renameArticleCategory, renameArticleSection } from "@/server/knowledge/article-taxonomy";
import { helpCenterArticle, helpCenterCategories, helpCenterCategory, sitemapArticles } from "@/server/knowledge/help-center";
import { recordArticleView, searchHelpCenter } from "@/server/knowledge/help-center-events";
import { agentProcedure, managerProcedure, publicProcedure, router } from "@/server/trpc";
import {
  articleCategoryInput,
  articleCategoryRenameInput,
  articleDraftInput,
  articleFeedbackInput,
  articleFromTicketInput,
  articleIdInput,
  articleLinkSearchInput,
  articleListInput,
  articleMoveInput,
  articleSearchInput,
  articleSectionInput,
  articleSectionRenameInput,
  articleSuggestInput,
  articleUpdateInput,
  categoryIdInput,
} from "./knowledge.schema";

/**
 * The knowledge base. The help-center procedures are public and read through
 * the one article scope (server/knowledge/article-scope.ts); the desk's are
 * staff-only: agents draft, managers publish, archive and shape categories.
 * The help center's search and article pages count what visitors read and
 * look for (help-center-events.ts); `suggest` answers the new-ticket form.
 */
export const knowledgeRouter = router({
  categories: publicProcedure.query(({ ctx }) => helpCenterCategories(ctx.db, ctx.user)),
  category: publicProcedure.input(categoryIdInput).query(({ ctx, input }) => helpCenterCategory(ctx.db, ctx.user, input.id)),
  article: publicProcedure.input(articleIdInput).query(({ ctx, input }) => helpCenterArticle(ctx.db, ctx.user, input.id)),
  search: publicProcedure.input(articleSearchInput).query(({ ctx, input }) => searchHelpCenter(ctx.db, ctx.user, input.q, ctx.clientAddress)),
  suggest: publicProcedure.input(articleSuggestInput).query(({ ctx, input }) => suggestArticles(ctx.db, ctx.user, input.subject)),
  recordView: publicProcedure.input(articleIdInput).mutation(({ ctx, input }) => recordArticleView(ctx.db, ctx.user, input.id, ctx.clientAddress)),
  sitemap: publicProcedure.query(({ ctx }) => sitemapArticles(ctx.db)),
  feedback: publicProcedure.input(articleFeedbackInput).mutation(({ ctx, input }) => recordArticleFeedback(ctx.db, ctx.user, ctx.clientAddress, input)),
  manage: router({
    list: agentProcedure.input(articleListInput).query(({ ctx, input }) => deskArticleList(ctx.db, input ?? {})),
    get: agentProcedure.input(articleIdInput).query(({ ctx, input }) => deskArticle(ctx.db, input.id)),
    links: agentProcedure.input(articleLinkSearchInput).query(({ ctx, input }) => linkableArticles(ctx.db, ctx.user, input)),
    fromTicket: agentProcedure.input(articleFromTicketInput).mutation(({ ctx, input }) => draftArticleFromTicket(ctx.db, ctx.user, input)),
    sections: agentProcedure.query(({ ctx }) => sectionOptions(ctx.db)),
    categories: agentProcedure.query(({ ctx }) => categoryOptions(ctx.db)),
    create: agentProcedure.input(articleDraftInput).mutation(({ ctx, input }) => createArticle(ctx.db, ctx.user, input)),
    update: agentProcedure.input(articleUpdateInput).mutation(({ ctx, input }) => updateArticle(ctx.db, ctx.user, input.id, input)),
    publish: managerProcedure.input(articleIdInput).mutation(({ ctx, input }) => setArticleState(ctx.db, ctx.user, input.id, "published")),
    archive: managerProcedure.input(articleIdInput).mutation(({ ctx, input }) => setArticleState(ctx.db, ctx.user, input.id, "archived")),
    unpublish: managerProcedure.input(articleIdInput).mutation(({ ctx, input }) => setArticleState(ctx.db, ctx.user, input.id, "draft")),
    createCategory: managerProcedure.input(articleCategoryInput).mutation(({ ctx, input }) => createArticleCategory(ctx.db, input)),
    createSection: managerProcedure.input(articleSectionInput).mutation(({ ctx, input }) => createArticleSection(ctx.db, input)),
    renameCategory: managerProcedure.input(articleCategoryRenameInput).mutation(({ ctx, input }) => renameArticleCategory(ctx.db, input)),
    moveCategory: managerProcedure.input(articleMoveInput).mutation(({ ctx, input }) => moveArticleCategory(ctx.db, input)),
    renameSection: managerProcedure.input(articleSectionRenameInput).mutation(({ ctx, input }) => renameArticleSection(ctx.db, input)),
    moveSection: managerProcedure.input(articleMoveInput).mutation(({ ctx, input }) => moveArticleSection(ctx.db, input)),
  }),
});
