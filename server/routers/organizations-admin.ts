import "server-only";
import { decidePendingMember, listOrganizationsForAdmin, setOrganizationDomainJoin } from "@/server/users/organization-membership";
import { organizationWithFields, setRecordCustomValues } from "@/server/users/record-custom-values";
import { adminProcedure, agentProcedure, router } from "@/server/trpc";
import { organizationFieldsInput, pendingMemberInput, setDomainJoinInput, setOrganizationFieldsInput } from "./organizations-admin.schema";

/**
 * Organizations: how people at each one's domain join, who waits for an
 * admin, and their custom fields. Admin-only, except reading the custom
 * fields, which agents see beside a ticket's requester; whoever edits an
 * organization (an admin) edits its fields.
 */
export const organizationsAdminRouter = router({
  list: adminProcedure.query(({ ctx }) => listOrganizationsForAdmin(ctx.db, ctx.user)),
  setDomainJoin: adminProcedure.input(setDomainJoinInput).mutation(({ ctx, input }) => setOrganizationDomainJoin(ctx.db, input)),
  decidePendingMember: adminProcedure.input(pendingMemberInput).mutation(({ ctx, input }) => decidePendingMember(ctx.db, input)),
  fields: agentProcedure.input(organizationFieldsInput).query(({ ctx, input }) => organizationWithFields(ctx.db, ctx.user, input.organizationId)),
  setFields: adminProcedure
    .input(setOrganizationFieldsInput)
    .mutation(({ ctx, input }) => setRecordCustomValues(ctx.db, ctx.user, "organization", input.organizationId, input.customFields)),
});
