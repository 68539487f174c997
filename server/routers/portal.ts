import "server-only";
import { recordSuggestedArticleOpened, startIntakeVisit } from "@/server/intake/intake-visits";
import { customerProcedure, router } from "@/server/trpc";
import { intakeArticleOpenedInput } from "./portal.schema";

/**
 * The customer portal's own bookkeeping. `intake` follows a visit to the
 * new-ticket form (server/intake/intake-visits.ts): started when the form
 * opens, told when a suggested article is opened; the ticket that ends it
 * is attached by ticket creation.
 */
export const portalRouter = router({
  intake: router({
    start: customerProcedure.mutation(({ ctx }) => startIntakeVisit(ctx.db, ctx.user)),
    articleOpened: customerProcedure.input(intakeArticleOpenedInput).mutation(({ ctx, input }) => recordSuggestedArticleOpened(ctx.db, ctx.user, input)),
  }),
});
