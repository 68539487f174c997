import "server-only";
import { z } from "zod";
import { satisfactionScores } from "@/db/schema";
import { ticketNumber } from "./tickets.schema";

const score = z.enum(satisfactionScores, "Choose Good or Bad.");
const comment = z.string().trim().max(2_000, "Keep the comment under 2,000 characters.").optional();
/** The token of a rating link; its shape and signature are checked by the domain, which says what is wrong. */
const token = z.string().trim().min(1, "This rating link is incomplete.").max(200, "This rating link is not valid.");

export const ratingLinkInput = z.object({ token });
export const rateByLinkInput = z.object({ token, score, comment });
export const requesterRatingInput = z.object({ number: ticketNumber });
export const rateTicketInput = z.object({ number: ticketNumber, score, comment });
