import "server-only";
import { createField, setFieldActive, updateField } from "@/server/custom-fields/field-admin";
import { listAllFieldDefinitions } from "@/server/custom-fields/field-definitions";
import { setTicketForm, ticketFormLayouts } from "@/server/custom-fields/ticket-forms";
import { adminProcedure, router } from "@/server/trpc";
import { createFieldInput, setFieldActiveInput, setTicketFormInput, updateFieldInput } from "./custom-fields.schema";

/** Admins define custom fields and the ticket forms of categories (admin.customFields). */
export const customFieldsAdminRouter = router({
  list: adminProcedure.query(({ ctx }) => listAllFieldDefinitions(ctx.db)),
  create: adminProcedure.input(createFieldInput).mutation(({ ctx, input }) => createField(ctx.db, input)),
  update: adminProcedure.input(updateFieldInput).mutation(({ ctx, input }) => updateField(ctx.db, input)),
  setActive: adminProcedure.input(setFieldActiveInput).mutation(({ ctx, input }) => setFieldActive(ctx.db, input)),
  forms: adminProcedure.query(({ ctx }) => ticketFormLayouts(ctx.db)),
  setForm: adminProcedure.input(setTicketFormInput).mutation(({ ctx, input }) => setTicketForm(ctx.db, input)),
});
