import { listDeskView } from "@/server/tickets/ticket-lists";
import { agentProcedure, router } from "@/server/trpc";
import { deskQueueInput } from "./tickets.schema";

/** The agent workspace. */
export const deskRouter = router({
  queue: agentProcedure.input(deskQueueInput).query(({ ctx, input }) => listDeskView(ctx.db, ctx.user, input)),
});
