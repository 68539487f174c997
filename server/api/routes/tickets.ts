import "server-only";
import { z } from "zod";
import { deskViews, ticketPriorities, ticketSorts, ticketStatuses } from "@/db/schema";
import { AppError, isAppError } from "@/server/errors";
import { createTicket } from "@/server/tickets/create-ticket";
import { mergeTicket } from "@/server/tickets/merge-tickets";
import { listTicketsForSync } from "@/server/tickets/ticket-lists";
import { updateTicketAndCcs } from "@/server/tickets/update-ticket-ccs";
import { customValuesInput } from "@/server/routers/custom-fields.schema";
import { createTicketInput, ticketChangesInput } from "@/server/routers/tickets.schema";
import { findOrCreateCustomer } from "@/server/users/find-or-create-customer";
import { isStaff, loadActiveUser, type SessionUser } from "@/server/users/session-user";
import type { Db } from "@/db/types";
import { listOf, ticketNumberParam } from "../query-values";
import { pageBody, pageOf, pageQuery } from "../resources/page";
import { ticketResource } from "../resources/ticket";
import { findTicketResource, ticketResourcesInOrder } from "../resources/ticket-reads";
import { apiRoute } from "../route-definition";

const tag = "Tickets";
const numberParams = z.object({ number: ticketNumberParam.meta({ description: "The ticket number." }) });
const id = z.uuid();

const listQuery = z.object({
  view: z.enum(deskViews).optional().meta({ description: "A desk view (staff only)." }),
  status: listOf(z.enum(ticketStatuses), 6).optional(),
  priority: listOf(z.enum(ticketPriorities), 4).optional(),
  category_id: id.optional(),
  team_id: id.optional(),
  assignee_id: z.union([id, z.literal("none")]).optional(),
  tag: z.string().trim().min(1).max(40).optional(),
  requester_id: id.optional(),
  organization_id: id.optional(),
  custom_field: z.string().trim().min(1).max(40).optional().meta({ description: "A custom field's key: only tickets whose field holds custom_field_value (text fields: contains it; options by value or label; checkboxes yes or no)." }),
  custom_field_value: z.string().trim().min(1).max(200).optional().meta({ description: "The value custom_field must hold." }),
  q: z.string().trim().min(1).max(200).optional().meta({ description: "Full-text search over subjects and the messages the token's owner may read; #1042 finds by number." }),
  updated_since: z.iso.datetime({ offset: true }).optional().meta({ description: "Only tickets changed at or after this time, oldest change first (for incremental sync)." }),
  sort: z.enum(ticketSorts).optional(),
  ...pageQuery,
});

// The same field rules as the portal's form and the desk's editor.
const { subject, body: firstMessage } = createTicketInput.shape;
const { tags, addTags } = ticketChangesInput.shape;

/** custom_field and custom_field_value go together: one without the other is refused rather than ignored. */
function customFieldFilterOf(query: { custom_field?: string; custom_field_value?: string }) {
  if (!query.custom_field && !query.custom_field_value) return undefined;
  if (!query.custom_field || !query.custom_field_value) {
    const message = "Send custom_field and custom_field_value together.";
    throw new AppError("INVALID", message, { fieldErrors: { [query.custom_field ? "custom_field_value" : "custom_field"]: [message] } });
  }
  return { key: query.custom_field, value: query.custom_field_value };
}

/** The same custom-field values as the portal and the desk send, checked by the same function. */
const customFields = customValuesInput;

const createBody = z.object({
  subject,
  body: firstMessage.meta({ description: "The first message, in Markdown." }),
  category_id: id.optional(),
  priority: z.enum(ticketPriorities).optional().meta({ description: "Staff only; otherwise the category's default applies." }),
  requester_email: z.email().max(254).optional().meta({ description: "Staff only: open the ticket for this person (created as a customer if new)." }),
  requester_name: z.string().trim().min(1).max(100).optional(),
  attachment_ids: z.array(id).max(20, "Attach at most 20 files.").optional().meta({ description: "Ids from POST /attachments." }),
  custom_fields: customFields.optional().meta({
    description: "Custom field values by key (GET /custom-fields). A customer must fill in the required fields of the category's form, and may not set an agent-only field.",
  }),
});

/** The domain names custom-field errors customFields.<key>; the API's fields are snake_case. */
async function withApiFieldNames<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (!isAppError(error) || !error.fieldErrors) throw error;
    const fieldErrors = Object.fromEntries(Object.entries(error.fieldErrors).map(([field, messages]) => [field.replace(/^customFields\./, "custom_fields."), messages]));
    throw new AppError(error.code, error.message, { fieldErrors });
  }
}

const ccAddresses = z.array(z.email().max(254)).max(20, "Copy at most 20 people.").optional();

const updateBody = z
  .object({
    version: z.number().int().positive().meta({ description: "The version you read; a stale one answers 409." }),
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(ticketPriorities).optional(),
    category_id: id.nullable().optional(),
    team_id: id.nullable().optional(),
    assignee_id: id.nullable().optional(),
    tags: tags.meta({ description: "Replaces the ticket's tags." }),
    add_tags: addTags,
    cc: ccAddresses.meta({ description: "Replaces the people copied on the ticket (email addresses; a new address becomes a customer). [] removes them all." }),
    add_cc: ccAddresses.meta({ description: "Copies these people on the ticket, keeping the others." }),
    custom_fields: customFields.optional().meta({ description: "Custom field values by key, changing only those named; null clears one. Each change is in the ticket's history." }),
  })
  .refine((body) => Object.entries(body).some(([key, value]) => key !== "version" && value !== undefined), "Change at least one property.");

const mergeBody = z.object({ target_number: ticketNumberParam.meta({ description: "The ticket this one is merged into." }) });
const mergeResult = z.object({ source: ticketResource, target: ticketResource }).meta({ id: "MergeResult" });

/** Who a new ticket is for: the token's owner, or (staff only) a requester named by email. */
async function requesterFor(db: Db, owner: SessionUser, email: string | undefined, name: string | undefined): Promise<SessionUser> {
  if (!email) return owner;
  if (!isStaff(owner)) throw new AppError("FORBIDDEN", "Only staff can open tickets for someone else.");
  const found = await findOrCreateCustomer(db, { email, name });
  const requester = found.disabled ? null : await loadActiveUser(db, found.id);
  if (!requester) throw new AppError("INVALID", "That requester's account is disabled.", { fieldErrors: { requester_email: ["This account is disabled."] } });
  return requester;
}

export const ticketRoutes = [
  apiRoute({
    method: "GET",
    path: "/tickets",
    operationId: "listTickets",
    summary: "List tickets",
    description: "Tickets the token's owner may see, with the desk's filters, full-text search and incremental sync. Cursor paging.",
    tag,
    scope: "tickets:read",
    role: "customer",
    query: listQuery,
    responses: { 200: { description: "A page of tickets.", schema: pageOf(ticketResource, "TicketPage") } },
    handler: async ({ db, user, query, request }) => {
      if (query.view && !isStaff(user)) throw new AppError("INVALID", "Desk views are for staff.", { fieldErrors: { view: ["Desk views are for staff."] } });
      const page = await listTicketsForSync(db, user, {
        view: query.view,
        filters: {
          status: query.status,
          priority: query.priority,
          categoryId: query.category_id,
          teamId: query.team_id,
          assigneeId: query.assignee_id,
          tag: query.tag,
          requesterId: query.requester_id,
          organizationId: query.organization_id,
          field: customFieldFilterOf(query),
        },
        query: query.q,
        updatedSince: query.updated_since ? new Date(query.updated_since) : undefined,
        sort: query.sort,
        cursor: query.cursor,
        limit: query.limit,
      });
      const items = await ticketResourcesInOrder(db, user, page.items.map((item) => item.id));
      return { status: 200, body: pageBody(request, items, page.nextCursor) };
    },
  }),
  apiRoute({
    method: "POST",
    path: "/tickets",
    operationId: "createTicket",
    summary: "Open a ticket",
    description: "Opens a ticket as the token's owner, or, for staff, for a requester named by email. Send an Idempotency-Key so a retry never opens two.",
    tag,
    scope: "tickets:write",
    role: "customer",
    body: createBody,
    responses: { 201: { description: "The new ticket.", schema: ticketResource } },
    handler: async ({ db, user, body }) => {
      const requester = await requesterFor(db, user, body.requester_email, body.requester_name);
      const created = await withApiFieldNames(createTicket(db, requester, {
        subject: body.subject,
        body: body.body,
        categoryId: body.category_id ?? null,
        priority: body.priority,
        channel: "api",
        attachmentIds: body.attachment_ids,
        loggedBy: requester.id === user.id ? undefined : user,
        customFields: body.custom_fields,
      }));
      const ticket = await findTicketResource(db, user, created.number);
      return { status: 201, body: ticket, headers: { location: `/api/v1/tickets/${created.number}` } };
    },
  }),
  apiRoute({
    method: "GET",
    path: "/tickets/{number}",
    operationId: "getTicket",
    summary: "Get a ticket",
    tag,
    scope: "tickets:read",
    role: "customer",
    params: numberParams,
    responses: { 200: { description: "The ticket.", schema: ticketResource } },
    handler: async ({ db, user, params }) => ({ status: 200, body: await findTicketResource(db, user, params.number) }),
  }),
  apiRoute({
    method: "PATCH",
    path: "/tickets/{number}",
    operationId: "updateTicket",
    summary: "Change a ticket's properties",
    description:
      "Status, priority, category, team, assignee, tags, custom fields and CCs, as agents change them in the desk, all or nothing. Name the version you read: a stale one is refused with 409. Agents may copy anyone (the CC policy governs inbound email only), never one of our own addresses, the requester or a colleague.",
    tag,
    scope: "tickets:write",
    role: "agent",
    params: numberParams,
    body: updateBody,
    responses: { 200: { description: "The ticket after the change.", schema: ticketResource } },
    handler: async ({ db, user, params, body }) => {
      await withApiFieldNames(updateTicketAndCcs(db, user, {
        number: params.number,
        version: body.version,
        changes: {
          status: body.status,
          priority: body.priority,
          categoryId: body.category_id,
          teamId: body.team_id,
          assigneeId: body.assignee_id,
          tags: body.tags,
          addTags: body.add_tags,
          customFields: body.custom_fields,
        },
        cc: { replace: body.cc, add: body.add_cc },
      }));
      return { status: 200, body: await findTicketResource(db, user, params.number) };
    },
  }),
  apiRoute({
    method: "POST",
    path: "/tickets/{number}/merge",
    operationId: "mergeTicket",
    summary: "Merge a ticket into another",
    description: "The ticket's thread is copied into the target and the ticket is closed as a duplicate.",
    tag,
    scope: "tickets:write",
    role: "agent",
    params: numberParams,
    body: mergeBody,
    responses: { 200: { description: "Both tickets after the merge.", schema: mergeResult } },
    handler: async ({ db, user, params, body }) => {
      await mergeTicket(db, user, { sourceNumber: params.number, targetNumber: body.target_number });
      return { status: 200, body: { source: await findTicketResource(db, user, params.number), target: await findTicketResource(db, user, body.target_number) } };
    },
  }),
];
