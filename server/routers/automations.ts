import "server-only";
import {
  createAutomationRule,
  deleteAutomationRule,
  listAutomationRules,
  moveAutomationRule,
  setAutomationRuleActive,
  updateAutomationRule,
} from "@/server/automations/rules";
import { adminProcedure, router } from "@/server/trpc";
import {
  automationRuleIdInput,
  createAutomationRuleInput,
  moveAutomationRuleInput,
  setAutomationRuleActiveInput,
  updateAutomationRuleInput,
} from "./automations.schema";

/** Admin-defined automation rules: conditions on a new or updated ticket, actions when they hold. Admins only. */
export const automationsRouter = router({
  list: adminProcedure.query(({ ctx }) => listAutomationRules(ctx.db)),
  create: adminProcedure.input(createAutomationRuleInput).mutation(({ ctx, input }) => createAutomationRule(ctx.db, input)),
  update: adminProcedure.input(updateAutomationRuleInput).mutation(({ ctx, input }) => updateAutomationRule(ctx.db, input)),
  delete: adminProcedure.input(automationRuleIdInput).mutation(({ ctx, input }) => deleteAutomationRule(ctx.db, input)),
  move: adminProcedure.input(moveAutomationRuleInput).mutation(({ ctx, input }) => moveAutomationRule(ctx.db, input)),
  setActive: adminProcedure.input(setAutomationRuleActiveInput).mutation(({ ctx, input }) => setAutomationRuleActive(ctx.db, input)),
});
