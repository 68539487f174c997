import "server-only";
import type { Db } from "@/db/types";
import type { SessionUser } from "@/server/users/session-user";
import { changeTicketCcs } from "./ccs";
import { lockVisibleTicket } from "./lock-ticket";
import { updateTicket, type TicketPropertyChanges } from "./update-ticket";

/**
 * A ticket's properties and its CCs changed together, all or nothing (the
 * REST API's PATCH): the properties through updateTicket, the CCs through
 * ccs.ts, in one transaction. The version is checked once, up front; CC
 * changes alone do not move it (they are not a column of the ticket).
 */
export async function updateTicketAndCcs(
  db: Db,
  actor: SessionUser,
  input: { number: number; version: number; changes: TicketPropertyChanges; cc?: { replace?: readonly string[]; add?: readonly string[] } },
): Promise<void> {
  await db.transaction(async (tx) => {
    const ticket = await lockVisibleTicket(tx, actor, input.number, input.version);
    if (Object.values(input.changes).some((value) => value !== undefined)) await updateTicket(tx, actor, input);
    if (input.cc && (input.cc.replace || input.cc.add)) await changeTicketCcs(tx, actor, ticket, input.cc);
  });
}
