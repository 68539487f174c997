import "server-only";
import { createMailbox, deleteMailbox, getMailbox, listMailboxes, testMailbox, updateMailbox } from "@/server/email/mailboxes/admin";
import { adminProcedure, router } from "@/server/trpc";
import { createMailboxInput, mailboxIdInput, updateMailboxInput } from "./mailboxes-admin.schema";

/** The support addresses mail comes in on and goes out from. Admins only; secrets go in and never come back out. */
export const mailboxesAdminRouter = router({
  list: adminProcedure.query(({ ctx }) => listMailboxes(ctx.db)),
  get: adminProcedure.input(mailboxIdInput).query(({ ctx, input }) => getMailbox(ctx.db, input.id)),
  create: adminProcedure.input(createMailboxInput).mutation(({ ctx, input }) => createMailbox(ctx.db, input)),
  update: adminProcedure.input(updateMailboxInput).mutation(({ ctx, input }) => updateMailbox(ctx.db, input)),
  delete: adminProcedure.input(mailboxIdInput).mutation(({ ctx, input }) => deleteMailbox(ctx.db, input.id)),
  test: adminProcedure.input(mailboxIdInput).mutation(({ ctx, input }) => testMailbox(ctx.db, input.id)),
});
