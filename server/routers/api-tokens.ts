import "server-only";
import { createApiToken, listAllApiTokens, listOwnApiTokens, revokeApiToken } from "@/server/api-tokens/manage-tokens";
import { adminProcedure, customerProcedure, router } from "@/server/trpc";
import { createApiTokenInput, listAllApiTokensInput, revokeApiTokenInput } from "./api-tokens.schema";

/** API tokens: everyone manages their own (/settings/tokens); admins also see and revoke everyone's. */
export const apiTokensRouter = router({
  list: customerProcedure.query(({ ctx }) => listOwnApiTokens(ctx.db, ctx.user)),
  create: customerProcedure.input(createApiTokenInput).mutation(({ ctx, input }) => createApiToken(ctx.db, ctx.user, input)),
  /** Own tokens; admins any (the domain function decides, so a customer's attempt on another's token is NOT_FOUND). */
  revoke: customerProcedure.input(revokeApiTokenInput).mutation(({ ctx, input }) => revokeApiToken(ctx.db, ctx.user, input.tokenId)),
  listAll: adminProcedure.input(listAllApiTokensInput).query(({ ctx, input }) => listAllApiTokens(ctx.db, input)),
});
