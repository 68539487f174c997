import { z } from "zod";
import { ticketPriorities } from "@/db/schema";
import { deskViews } from "@/server/tickets/ticket-lists";

export const ticketNumberInput = z.object({ number: z.number().int().positive().max(2_147_483_647) });

export const createTicketInput = z.object({
  subject: z.string().trim().min(3, "Write a subject of at least 3 characters.").max(200, "Keep the subject under 200 characters."),
  body: z
    .string()
    .trim()
    .min(10, "Describe the problem in at least 10 characters.")
    .max(20_000, "Keep the description under 20,000 characters."),
  categoryId: z.uuid("Choose a category."),
  priority: z.enum(ticketPriorities).optional(),
});

export const replyInput = z.object({
  number: ticketNumberInput.shape.number,
  body: z.string().trim().min(1, "Write a reply first.").max(20_000, "Keep replies under 20,000 characters."),
  kind: z.enum(["public", "internal"]).default("public"),
});

const pageInput = {
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(100).default(25),
};

export const portalListInput = z.object({ scope: z.enum(["mine", "organization"]).default("mine"), ...pageInput });
export const deskQueueInput = z.object({ view: z.enum(deskViews), ...pageInput });
