import "server-only";
import { eq, inArray } from "drizzle-orm";
import { tickets } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { listFieldDefinitions } from "@/server/custom-fields/field-definitions";
import { customValuesByKey } from "@/server/custom-fields/ticket-custom-values";
import { AppError } from "@/server/errors";
import { ccsOfTickets, listTicketCcs } from "@/server/tickets/ticket-people";
import { scoped } from "@/server/tickets/ticket-scope";
import type { SessionUser } from "@/server/users/session-user";
import { ticketResourceColumns, toTicketResource, type TicketResource } from "./ticket";

/** One ticket as a resource, if the viewer may see it (the one scope rule of ticket-scope.ts). */
export async function findTicketResource(db: DbOrTx, viewer: SessionUser, number: number): Promise<TicketResource> {
  const [row] = await db.select(ticketResourceColumns).from(tickets).where(scoped(viewer, eq(tickets.number, number))).limit(1);
  if (!row) throw new AppError("NOT_FOUND", `Ticket #${number} does not exist or is not yours to see.`);
  const fields = await listFieldDefinitions(db, "ticket");
  return toTicketResource(row, await listTicketCcs(db, row.id), customValuesByKey(fields, row.customValues, viewer));
}

/** Resources for ids a scoped list already returned for `viewer`, in that list's order. */
export async function ticketResourcesInOrder(db: DbOrTx, viewer: SessionUser, ids: readonly string[]): Promise<TicketResource[]> {
  if (ids.length === 0) return [];
  const rows = await db.select(ticketResourceColumns).from(tickets).where(inArray(tickets.id, [...ids]));
  const ccs = await ccsOfTickets(db, ids);
  const fields = await listFieldDefinitions(db, "ticket");
  const byId = new Map(rows.map((row) => [row.id, toTicketResource(row, ccs.get(row.id) ?? [], customValuesByKey(fields, row.customValues, viewer))]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}
