import "server-only";
import { z } from "zod";
import { deskViews, ticketChannels, ticketPriorities, ticketSorts, ticketStatuses } from "@/db/schema";
import { customValuesInput } from "./custom-fields.schema";

export const ticketNumber = z.number().int().positive().max(2_147_483_647);
export const ticketNumberInput = z.object({ number: ticketNumber });

const body = z.string().trim().min(1, "Write a message first.").max(20_000, "Keep messages under 20,000 characters.");
const attachmentIds = z.array(z.uuid()).max(20, "Attach at most 20 files.").default([]);

export const createTicketInput = z.object({
  subject: z.string().trim().min(3, "Write a subject of at least 3 characters.").max(200, "Keep the subject under 200 characters."),
  body: z.string().trim().min(10, "Describe the problem in at least 10 characters.").max(20_000, "Keep the description under 20,000 characters."),
  categoryId: z.uuid("Choose a category."),
  priority: z.enum(ticketPriorities).optional(),
  attachmentIds,
  /** The category form's fields, by key. */
  customFields: customValuesInput.optional(),
  /** The new-ticket form's visit (portal.intake.start), so the deflection report knows it ended in a ticket. */
  intakeVisitId: z.uuid().optional(),
});

export const replyInput = z.object({
  number: ticketNumber,
  body,
  kind: z.enum(["public", "internal"]).default("public"),
  status: z.enum(ticketStatuses).optional(),
  lastSeenMessageId: z.uuid().optional(),
  force: z.boolean().default(false),
  attachmentIds,
});

const page = {
  cursor: z.string().max(300).optional(),
  limit: z.number().int().min(1).max(100).default(25),
};

export const portalListInput = z.object({ scope: z.enum(["mine", "organization"]).default("mine"), state: z.enum(["all", "open", "closed"]).default("all"), ...page });

export const searchInput = z.object({ query: z.string().trim().min(1, "Type something to search for.").max(200), ...page });

const tag = z.string().trim().min(1).max(40, "Keep tags under 40 characters.");

export const ticketFiltersInput = z
  .object({
    status: z.array(z.enum(ticketStatuses)).max(6).optional(),
    priority: z.array(z.enum(ticketPriorities)).max(4).optional(),
    categoryId: z.uuid().optional(),
    teamId: z.uuid().optional(),
    assigneeId: z.union([z.uuid(), z.literal("none")]).optional(),
    tag: tag.optional(),
    requesterId: z.uuid().optional(),
    organizationId: z.uuid().optional(),
    /** Tickets whose custom field (by key) holds this value. */
    field: z.object({ key: z.string().trim().min(1).max(40), value: z.string().trim().min(1, "Give a value to filter by.").max(200) }).optional(),
  })
  .default({});

export const deskQueueInput = z.object({
  view: z.enum(deskViews),
  filters: ticketFiltersInput,
  /** Searches within the view and its filters. */
  query: z.string().trim().min(1).max(200).optional(),
  sort: z.enum(ticketSorts).optional(),
  ...page,
});

export const ticketChangesInput = z
  .object({
    status: z.enum(ticketStatuses).optional(),
    priority: z.enum(ticketPriorities).optional(),
    categoryId: z.uuid().nullable().optional(),
    teamId: z.uuid().nullable().optional(),
    assigneeId: z.uuid().nullable().optional(),
    organizationId: z.uuid().nullable().optional(),
    channel: z.enum(ticketChannels).optional(),
    tags: z.array(tag).max(20, "Use at most 20 tags.").optional(),
    addTags: z.array(tag).max(20, "Use at most 20 tags.").optional(),
    /** Custom field values by key; null clears one. */
    customFields: customValuesInput.optional(),
  })
  .refine((changes) => Object.values(changes).some((v) => v !== undefined), "Change at least one property.");

export const updateTicketInput = z.object({ number: ticketNumber, version: z.number().int().positive(), changes: ticketChangesInput });
export const bulkUpdateInput = z.object({
  numbers: z.array(ticketNumber).min(1, "Select at least one ticket.").max(100, "Select at most 100 tickets at a time."),
  changes: ticketChangesInput,
});
export const undoInput = z.object({
  items: z
    .array(z.object({ number: ticketNumber, version: z.number().int().positive(), changes: ticketChangesInput }))
    .min(1)
    .max(100, "Undo at most 100 tickets at a time."),
});
export const mergeInput = z.object({ sourceNumber: ticketNumber, targetNumber: ticketNumber });
export const undoMergeInput = z.object({ sourceNumber: ticketNumber });
export const heartbeatInput = z.object({ number: ticketNumber, composing: z.boolean().default(false) });
