import "server-only";
import { addReply } from "@/server/tickets/add-reply";
import { createTicket } from "@/server/tickets/create-ticket";
import { solveAsRequester } from "@/server/tickets/solve-as-requester";
import { getTicketDetail } from "@/server/tickets/ticket-detail";
import { listPortalTickets, searchTickets } from "@/server/tickets/ticket-lists";
import { customerProcedure, router } from "@/server/trpc";
import { createTicketInput, portalListInput, replyInput, searchInput, ticketNumberInput } from "./tickets.schema";

/** Ticket procedures open to every signed-in person; scoping happens in the domain queries. */
export const ticketsRouter = router({
  create: customerProcedure.input(createTicketInput).mutation(({ ctx, input }) => createTicket(ctx.db, ctx.user, input)),
  list: customerProcedure.input(portalListInput).query(({ ctx, input }) => listPortalTickets(ctx.db, ctx.user, input)),
  search: customerProcedure.input(searchInput).query(({ ctx, input }) => searchTickets(ctx.db, ctx.user, input)),
  get: customerProcedure.input(ticketNumberInput).query(({ ctx, input }) => getTicketDetail(ctx.db, ctx.user, input.number)),
  reply: customerProcedure.input(replyInput).mutation(({ ctx, input }) => addReply(ctx.db, ctx.user, { ...input, ticketNumber: input.number })),
  solve: customerProcedure.input(ticketNumberInput).mutation(({ ctx, input }) => solveAsRequester(ctx.db, ctx.user, input.number)),
});
