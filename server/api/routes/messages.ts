import "server-only";
import { z } from "zod";
import { ticketStatuses } from "@/db/schema";
import { AppError } from "@/server/errors";
import { replyInput } from "@/server/routers/tickets.schema";
import { addReply } from "@/server/tickets/add-reply";
import { listTicketMessages } from "@/server/tickets/ticket-messages";
import { ticketNumberParam } from "../query-values";
import { messageResource, toMessageResource } from "../resources/message";
import { pageBody, pageOf, pageQuery } from "../resources/page";
import { apiRoute } from "../route-definition";

const tag = "Messages";
const numberParams = z.object({ number: ticketNumberParam.meta({ description: "The ticket number." }) });

const createBody = z.object({
  body: replyInput.shape.body.meta({ description: "Markdown." }),
  kind: z.enum(["public", "internal"]).default("public").meta({ description: "public: emailed to the requester; internal: a note only staff see (staff only)." }),
  status: z.enum(ticketStatuses).optional().meta({ description: "Staff only: set the status with the reply (e.g. pending, solved)." }),
  attachment_ids: replyInput.shape.attachmentIds.optional().meta({ description: "Ids from POST /attachments." }),
});

const replyResult = z
  .object({
    message: messageResource.nullable().meta({ description: "The new message (null when the reply opened a follow-up ticket)." }),
    follow_up_number: z.number().int().nullable().meta({ description: "Set when the ticket was closed and the reply opened a follow-up ticket." }),
  })
  .meta({ id: "ReplyResult" });

export const messageRoutes = [
  apiRoute({
    method: "GET",
    path: "/tickets/{number}/messages",
    operationId: "listMessages",
    summary: "List a ticket's messages",
    description: "Oldest first. Customers' tokens receive public messages only; staff tokens also receive internal notes and system messages.",
    tag,
    scope: "tickets:read",
    role: "customer",
    params: numberParams,
    query: z.object(pageQuery),
    responses: { 200: { description: "A page of messages.", schema: pageOf(messageResource, "MessagePage") } },
    handler: async ({ db, user, params, query, request }) => {
      const page = await listTicketMessages(db, user, params.number, query);
      return { status: 200, body: pageBody(request, page.items.map((m) => toMessageResource(params.number, m)), page.nextCursor) };
    },
  }),
  apiRoute({
    method: "POST",
    path: "/tickets/{number}/messages",
    operationId: "createMessage",
    summary: "Reply or add an internal note",
    description: "A public reply is emailed to the requester. Replying to a closed ticket opens a follow-up ticket.",
    tag,
    scope: "tickets:write",
    role: "customer",
    params: numberParams,
    body: createBody,
    responses: { 201: { description: "The reply.", schema: replyResult } },
    handler: async ({ db, user, params, body }) => {
      // Another system has no composer open: it cannot have missed a message, so no "new messages" check.
      const result = await addReply(db, user, { ticketNumber: params.number, body: body.body, kind: body.kind, status: body.status, attachmentIds: body.attachment_ids, force: true });
      if (result.kind === "follow_up") return { status: 201, body: { message: null, follow_up_number: result.number } };
      const [message] = (await listTicketMessages(db, user, params.number, { limit: 1, messageId: result.messageId })).items;
      if (!message) throw new AppError("NOT_FOUND", "The reply was saved but cannot be read back.");
      return { status: 201, body: { message: toMessageResource(params.number, message), follow_up_number: null } };
    },
  }),
];
