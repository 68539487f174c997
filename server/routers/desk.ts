import "server-only";
import { z } from "zod";
import { addTicketCc, removeTicketCc } from "@/server/tickets/ccs";
import { listDeskOptions } from "@/server/tickets/desk-options";
import { followTicket, unfollowTicket } from "@/server/tickets/followers";
import { mergeTargetPreview } from "@/server/tickets/merge-preview";
import { mergeTicket, undoMerge } from "@/server/tickets/merge-tickets";
import { ticketHeartbeat } from "@/server/tickets/presence";
import { listDeskView, listRequesterHistory } from "@/server/tickets/ticket-lists";
import { bulkUpdateTickets, undoTicketChanges, updateTicket } from "@/server/tickets/update-ticket";
import { deskViewCounts } from "@/server/tickets/view-counts";
import { agentProcedure, router } from "@/server/trpc";
import { setAway } from "@/server/users/session-user";
import { addCcInput, followInput, removeCcInput } from "./ccs.schema";
import { bulkUpdateInput, deskQueueInput, heartbeatInput, mergeInput, undoInput, undoMergeInput, updateTicketInput } from "./tickets.schema";

/** The agent workspace. */
export const deskRouter = router({
  queue: agentProcedure.input(deskQueueInput).query(({ ctx, input }) => listDeskView(ctx.db, ctx.user, input)),
  counts: agentProcedure.query(({ ctx }) => deskViewCounts(ctx.db, ctx.user)),
  options: agentProcedure.query(({ ctx }) => listDeskOptions(ctx.db)),
  update: agentProcedure.input(updateTicketInput).mutation(({ ctx, input }) => updateTicket(ctx.db, ctx.user, input)),
  bulkUpdate: agentProcedure.input(bulkUpdateInput).mutation(({ ctx, input }) => bulkUpdateTickets(ctx.db, ctx.user, input)),
  undo: agentProcedure.input(undoInput).mutation(({ ctx, input }) => undoTicketChanges(ctx.db, ctx.user, input)),
  merge: agentProcedure.input(mergeInput).mutation(({ ctx, input }) => mergeTicket(ctx.db, ctx.user, input)),
  mergePreview: agentProcedure.input(mergeInput).query(({ ctx, input }) => mergeTargetPreview(ctx.db, ctx.user, input)),
  undoMerge: agentProcedure.input(undoMergeInput).mutation(({ ctx, input }) => undoMerge(ctx.db, ctx.user, input)),
  heartbeat: agentProcedure.input(heartbeatInput).mutation(({ ctx, input }) => ticketHeartbeat(ctx.db, ctx.user, input)),
  setAway: agentProcedure.input(z.object({ away: z.boolean() })).mutation(({ ctx, input }) => setAway(ctx.db, ctx.user, input.away)),
  ccs: router({
    add: agentProcedure.input(addCcInput).mutation(({ ctx, input }) => addTicketCc(ctx.db, ctx.user, input)),
    remove: agentProcedure.input(removeCcInput).mutation(({ ctx, input }) => removeTicketCc(ctx.db, ctx.user, input)),
  }),
  follow: agentProcedure.input(followInput).mutation(({ ctx, input }) => followTicket(ctx.db, ctx.user, input)),
  unfollow: agentProcedure.input(followInput).mutation(({ ctx, input }) => unfollowTicket(ctx.db, ctx.user, input)),
  requesterHistory: agentProcedure
    .input(z.object({ requesterId: z.uuid(), excludeTicketId: z.uuid() }))
    .query(({ ctx, input }) => listRequesterHistory(ctx.db, ctx.user, input.requesterId, input.excludeTicketId)),
});
