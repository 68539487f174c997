import { listStaff } from "@/server/users/list-staff";
import { adminProcedure, router } from "@/server/trpc";

export const adminRouter = router({
  staff: adminProcedure.query(({ ctx }) => listStaff(ctx.db)),
});
