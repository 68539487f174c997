import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { Db } from "@/db/types";
import { getSettings } from "@/server/settings/settings";
import { recordEvents } from "@/server/tickets/ticket-events";

/**
 * Closes tickets that have stayed solved for the configured number of days.
 * Idempotent (only solved tickets qualify) and safe to run from several
 * processes at once (rows are claimed with SKIP LOCKED). Returns how many it closed.
 */
export async function autoCloseSolvedTickets(db: Db, options: { limit?: number } = {}): Promise<number> {
  const { autoCloseDays } = await getSettings(db);
  return db.transaction(async (tx) => {
    const closed = rowsOf<{ id: string; closed_at: Date | string }>(
      await tx.execute(sql`
        update tickets
        set status = 'closed', closed_at = now(), updated_at = now(), version = version + 1
        where id in (
          select id from tickets
          where status = 'solved' and solved_at <= now() - make_interval(days => ${autoCloseDays})
          order by solved_at
          limit ${options.limit ?? 500}
          for update skip locked
        )
        returning id, closed_at
      `),
    );
    for (const ticket of closed) {
      await recordEvents(tx, ticket.id, null, [{ field: "status", from: "solved", to: "closed" }], new Date(ticket.closed_at));
    }
    return closed.length;
  });
}
