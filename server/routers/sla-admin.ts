import "server-only";
import {
  createCalendar,
  deleteCalendar,
  listCalendars,
  setDefaultCalendar,
  setTeamCalendar,
  updateCalendar,
} from "@/server/sla/calendar-admin";
import { createPolicy, deletePolicy, listPolicies, listPolicyScopeOptions, updatePolicy } from "@/server/sla/policy-admin";
import { adminProcedure, router } from "@/server/trpc";
import {
  calendarIdInput,
  createCalendarInput,
  createPolicyInput,
  policyIdInput,
  setTeamCalendarInput,
  updateCalendarInput,
  updatePolicyInput,
} from "./sla-admin.schema";

/** Business-hours calendars, SLA policies and each team's calendar (issue 5). Admin-only. */
export const slaAdminRouter = router({
  calendars: router({
    list: adminProcedure.query(({ ctx }) => listCalendars(ctx.db)),
    create: adminProcedure.input(createCalendarInput).mutation(({ ctx, input }) => createCalendar(ctx.db, input)),
    update: adminProcedure.input(updateCalendarInput).mutation(({ ctx, input }) => updateCalendar(ctx.db, input)),
    setDefault: adminProcedure.input(calendarIdInput).mutation(({ ctx, input }) => setDefaultCalendar(ctx.db, input)),
    delete: adminProcedure.input(calendarIdInput).mutation(({ ctx, input }) => deleteCalendar(ctx.db, input)),
  }),
  setTeamCalendar: adminProcedure.input(setTeamCalendarInput).mutation(({ ctx, input }) => setTeamCalendar(ctx.db, input)),

  policies: router({
    list: adminProcedure.query(({ ctx }) => listPolicies(ctx.db)),
    /** Categories in use and organizations, for the policy form's pickers. */
    scopeOptions: adminProcedure.query(({ ctx }) => listPolicyScopeOptions(ctx.db)),
    create: adminProcedure.input(createPolicyInput).mutation(({ ctx, input }) => createPolicy(ctx.db, input)),
    update: adminProcedure.input(updatePolicyInput).mutation(({ ctx, input }) => updatePolicy(ctx.db, input)),
    delete: adminProcedure.input(policyIdInput).mutation(({ ctx, input }) => deletePolicy(ctx.db, input)),
  }),
});
