import "server-only";
import { eq } from "drizzle-orm";
import { tickets } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "@/server/errors";
import type { SessionUser } from "@/server/users/session-user";
import { lockVisibleTicket, touch } from "./lock-ticket";
import { canTransition, resolutionTimestamps } from "@/lib/status-machine";
import { recordEvents } from "./ticket-events";
import { afterTicketUpdate } from "./update-ticket";

/** The customer who opened a ticket says their problem is solved (colleagues who can follow it cannot). */
export async function solveAsRequester(db: Db, requester: SessionUser, number: number) {
  return db.transaction(async (tx) => {
    const ticket = await lockVisibleTicket(tx, requester, number);
    if (ticket.requesterId !== requester.id) {
      throw new AppError("FORBIDDEN", `Only ${ticket.requesterName}, who opened ticket #${number}, can mark it solved.`);
    }
    if (!canTransition(ticket.status, "solved", "requester")) {
      throw new AppError("INVALID", `Ticket #${number} is already ${ticket.status === "closed" ? "closed" : "solved"}.`);
    }
    const now = new Date();
    await tx
      .update(tickets)
      .set({ status: "solved", ...resolutionTimestamps(ticket.status, "solved", now), ...touch(now) })
      .where(eq(tickets.id, ticket.id));
    await recordEvents(tx, ticket.id, requester.id, [{ field: "status", from: ticket.status, to: "solved" }], now);
    await afterTicketUpdate(tx, ticket.id, ticket.version + 1, now);
    return { status: "solved" as const };
  });
}
