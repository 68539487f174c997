import "server-only";
import { z } from "zod";
import { ticketNumber } from "./tickets.schema";

/** Inputs of the desk's CC and follow procedures (server/tickets/ccs.ts and followers.ts hold the rules). */
export const addCcInput = z.object({
  number: ticketNumber,
  email: z.string().trim().min(3, "Type an email address.").max(254, "Email addresses are at most 254 characters."),
  name: z.string().trim().max(100).optional(),
});

export const removeCcInput = z.object({ number: ticketNumber, userId: z.uuid() });

export const followInput = z.object({ number: ticketNumber });
