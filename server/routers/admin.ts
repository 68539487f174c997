import "server-only";
import { listCategoriesForAdmin, createCategory, moveCategory, setCategoryArchived, updateCategory } from "@/server/admin/categories";
import {
  createCannedResponse,
  deleteCannedResponse,
  listCannedResponses,
  updateCannedResponse,
} from "@/server/admin/canned-responses";
import { createStaffMember } from "@/server/admin/create-staff-member";
import { addTeamMember, createTeam, listTeams, removeTeamMember, setTeamAssignmentMode, updateTeam } from "@/server/admin/teams";
import { changeUserRole, setUserDisabled } from "@/server/admin/user-access";
import { listUserDirectory } from "@/server/admin/user-directory";
import { getWorkspaceSettings, updateWorkspaceSettings } from "@/server/admin/workspace-settings";
import { getMailboxEmail, listMailbox, resendFailedEmail } from "@/server/email/mailbox";
import { adminProcedure, agentProcedure, router } from "@/server/trpc";
import { listStaff } from "@/server/users/list-staff";
import { setRecordCustomValues, userWithFields } from "@/server/users/record-custom-values";
import {
  cannedResponseIdInput,
  createCannedResponseInput,
  createCategoryInput,
  createStaffInput,
  createTeamInput,
  listCannedResponsesInput,
  listMailboxInput,
  listUsersInput,
  mailboxEmailInput,
  moveCategoryInput,
  setCategoryArchivedInput,
  setUserDisabledInput,
  setUserFieldsInput,
  setUserRoleInput,
  teamAssignmentInput,
  teamMemberInput,
  updateCannedResponseInput,
  updateCategoryInput,
  updateSettingsInput,
  updateTeamInput,
  userFieldsInput,
} from "./admin.schema";
import { automationsRouter } from "./automations";
import { customFieldsAdminRouter } from "./custom-fields";
import { mailboxesAdminRouter } from "./mailboxes-admin";
import { organizationsAdminRouter } from "./organizations-admin";
import { slaAdminRouter } from "./sla-admin";
import { webhooksAdminRouter } from "./webhooks-admin";

/** The admin area. Everything is admin-only except what agents use: listing canned responses, and people's (and organizations') custom fields. */
export const adminRouter = router({
  /** Every staff member with their teams, unpaged (pickers); the admin list pages with users.list. */
  staff: adminProcedure.query(({ ctx }) => listStaff(ctx.db)),
  /** The outbox, read as a mailbox (on a laptop without a provider, this is where mail goes). */
  mailbox: router({
    list: adminProcedure.input(listMailboxInput).query(({ ctx, input }) => listMailbox(ctx.db, input)),
    get: adminProcedure.input(mailboxEmailInput).query(({ ctx, input }) => getMailboxEmail(ctx.db, input.id)),
    resend: adminProcedure.input(mailboxEmailInput).mutation(({ ctx, input }) => resendFailedEmail(ctx.db, input)),
  }),

  users: router({
    list: adminProcedure.input(listUsersInput).query(({ ctx, input }) => listUserDirectory(ctx.db, input)),
    create: adminProcedure.input(createStaffInput).mutation(({ ctx, input }) => createStaffMember(ctx.db, input)),
    setRole: adminProcedure.input(setUserRoleInput).mutation(({ ctx, input }) => changeUserRole(ctx.db, ctx.user, input)),
    setDisabled: adminProcedure.input(setUserDisabledInput).mutation(({ ctx, input }) => setUserDisabled(ctx.db, ctx.user, input)),
    // Agents see and fill in people's custom fields (the ticket page's requester panel).
    fields: agentProcedure.input(userFieldsInput).query(({ ctx, input }) => userWithFields(ctx.db, ctx.user, input.userId)),
    setFields: agentProcedure.input(setUserFieldsInput).mutation(({ ctx, input }) => setRecordCustomValues(ctx.db, ctx.user, "user", input.userId, input.customFields)),
  }),

  teams: router({
    list: adminProcedure.query(({ ctx }) => listTeams(ctx.db)),
    create: adminProcedure.input(createTeamInput).mutation(({ ctx, input }) => createTeam(ctx.db, input)),
    update: adminProcedure.input(updateTeamInput).mutation(({ ctx, input }) => updateTeam(ctx.db, input)),
    addMember: adminProcedure.input(teamMemberInput).mutation(({ ctx, input }) => addTeamMember(ctx.db, input)),
    removeMember: adminProcedure.input(teamMemberInput).mutation(({ ctx, input }) => removeTeamMember(ctx.db, input)),
    setAssignmentMode: adminProcedure.input(teamAssignmentInput).mutation(({ ctx, input }) => setTeamAssignmentMode(ctx.db, input)),
  }),

  categories: router({
    list: adminProcedure.query(({ ctx }) => listCategoriesForAdmin(ctx.db)),
    create: adminProcedure.input(createCategoryInput).mutation(({ ctx, input }) => createCategory(ctx.db, input)),
    update: adminProcedure.input(updateCategoryInput).mutation(({ ctx, input }) => updateCategory(ctx.db, input)),
    setArchived: adminProcedure.input(setCategoryArchivedInput).mutation(({ ctx, input }) => setCategoryArchived(ctx.db, input)),
    move: adminProcedure.input(moveCategoryInput).mutation(({ ctx, input }) => moveCategory(ctx.db, input)),
  }),

  cannedResponses: router({
    list: agentProcedure.input(listCannedResponsesInput).query(({ ctx, input }) => listCannedResponses(ctx.db, input)),
    create: adminProcedure.input(createCannedResponseInput).mutation(({ ctx, input }) => createCannedResponse(ctx.db, ctx.user, input)),
    update: adminProcedure.input(updateCannedResponseInput).mutation(({ ctx, input }) => updateCannedResponse(ctx.db, input)),
    delete: adminProcedure.input(cannedResponseIdInput).mutation(({ ctx, input }) => deleteCannedResponse(ctx.db, input)),
  }),

  sla: slaAdminRouter,
  automations: automationsRouter,
  organizations: organizationsAdminRouter,
  webhooks: webhooksAdminRouter,
  mailboxes: mailboxesAdminRouter,
  customFields: customFieldsAdminRouter,

  settings: router({
    get: adminProcedure.query(({ ctx }) => getWorkspaceSettings(ctx.db)),
    update: adminProcedure.input(updateSettingsInput).mutation(({ ctx, input }) => updateWorkspaceSettings(ctx.db, input)),
  }),
});
