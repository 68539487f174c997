import "server-only";
import { decidePendingMember, listOrganizationsForAdmin, setOrganizationDomainJoin } from "@/server/users/organization-membership";
import { adminProcedure, router } from "@/server/trpc";
import { pendingMemberInput, setDomainJoinInput } from "./organizations-admin.schema";

/** Organizations: how people at each one's domain join, and who waits for an admin. Admin-only. */
export const organizationsAdminRouter = router({
  list: adminProcedure.query(({ ctx }) => listOrganizationsForAdmin(ctx.db)),
  setDomainJoin: adminProcedure.input(setDomainJoinInput).mutation(({ ctx, input }) => setOrganizationDomainJoin(ctx.db, input)),
  decidePendingMember: adminProcedure.input(pendingMemberInput).mutation(({ ctx, input }) => decidePendingMember(ctx.db, input)),
});
