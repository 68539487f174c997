import "server-only";
import { getRequesterRating, rateAsRequester, rateByLink } from "@/server/satisfaction/rate-ticket";
import { verifyRatingLink } from "@/server/satisfaction/rating-links";
import { customerProcedure, publicProcedure, router } from "@/server/trpc";
import { rateByLinkInput, rateTicketInput, ratingLinkInput, requesterRatingInput } from "./satisfaction.schema";

/**
 * Satisfaction ratings. The link procedures are public: the signed token in
 * the emailed link is the credential, and opening it (`link`) only reads.
 * The portal procedures are the requester's own, checked in the domain.
 */
export const satisfactionRouter = router({
  link: publicProcedure.input(ratingLinkInput).query(({ ctx, input }) => verifyRatingLink(ctx.db, input.token)),
  rateByLink: publicProcedure.input(rateByLinkInput).mutation(({ ctx, input }) => rateByLink(ctx.db, input, ctx.clientAddress)),
  get: customerProcedure.input(requesterRatingInput).query(({ ctx, input }) => getRequesterRating(ctx.db, ctx.user, input.number)),
  rate: customerProcedure.input(rateTicketInput).mutation(({ ctx, input }) => rateAsRequester(ctx.db, ctx.user, input)),
});
