import "server-only";
import { listActiveCategories } from "@/server/categories/list-categories";
import { customerProcedure, router } from "@/server/trpc";

export const categoriesRouter = router({
  list: customerProcedure.query(({ ctx }) => listActiveCategories(ctx.db)),
});
