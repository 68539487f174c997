import "server-only";
import { listActiveCategories } from "@/server/categories/list-categories";
import { portalTicketForms } from "@/server/custom-fields/ticket-forms";
import { customerProcedure, router } from "@/server/trpc";

export const categoriesRouter = router({
  list: customerProcedure.query(({ ctx }) => listActiveCategories(ctx.db)),
  /** Each active category's portal form: the fields a customer fills in, in order (never agent-only ones). */
  forms: customerProcedure.query(({ ctx }) => portalTicketForms(ctx.db)),
});
