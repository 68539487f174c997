import "server-only";
import { and, asc, eq, isNotNull, isNull, lte } from "drizzle-orm";
import { tickets, ticketSlas } from "@/db/schema";
import type { Db } from "@/db/types";
import { notifySlaBreached } from "@/server/email/notifications";
import { recordEvents } from "@/server/tickets/ticket-events";
import { calendarFor } from "./ticket-sla";

/**
 * The timed job that notices SLA breaches: running clocks past their due
 * time that nobody was told about. Each ticket is handled in its own
 * transaction with its row locked (the same order as every ticket write, so
 * no deadlocks), skipped if another worker holds it, and marked in the same
 * transaction as its event and emails: a breach is reported once.
 */
export async function reportSlaBreaches(db: Db, options: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = options.now ?? new Date();
  const due = await db
    .selectDistinct({ ticketId: ticketSlas.ticketId, dueAt: ticketSlas.dueAt })
    .from(ticketSlas)
    .where(and(isNotNull(ticketSlas.runningSince), isNull(ticketSlas.breachNotifiedAt), lte(ticketSlas.dueAt, now)))
    .orderBy(asc(ticketSlas.dueAt))
    .limit(options.limit ?? 200);
  let reported = 0;
  for (const ticketId of new Set(due.map((row) => row.ticketId))) {
    reported += await reportTicket(db, ticketId, now);
  }
  return reported;
}

async function reportTicket(db: Db, ticketId: string, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [ticket] = await tx.select({ id: tickets.id, teamId: tickets.teamId }).from(tickets).where(eq(tickets.id, ticketId)).for("update", { skipLocked: true });
    if (!ticket) return 0;
    const breached = await tx
      .select({ metric: ticketSlas.metric, dueAt: ticketSlas.dueAt, breachedAt: ticketSlas.breachedAt })
      .from(ticketSlas)
      .where(and(eq(ticketSlas.ticketId, ticketId), isNotNull(ticketSlas.runningSince), isNull(ticketSlas.breachNotifiedAt), lte(ticketSlas.dueAt, now)));
    if (breached.length === 0) return 0;
    const { timeZone } = await calendarFor(tx, ticket.teamId);
    for (const clock of breached) {
      const dueAt = clock.dueAt ?? now;
      await tx
        .update(ticketSlas)
        .set({ breachedAt: clock.breachedAt ?? dueAt, breachNotifiedAt: now })
        .where(and(eq(ticketSlas.ticketId, ticketId), eq(ticketSlas.metric, clock.metric)));
      await recordEvents(tx, ticketId, null, [{ field: "sla_breached", to: clock.metric }], dueAt);
      await notifySlaBreached(tx, ticketId, { metric: clock.metric, dueLabel: formatDue(dueAt, timeZone) });
    }
    return breached.length;
  });
}

/** "Thu 26 Nov, 14:00 (Europe/Berlin)": in the calendar's zone, which is the desk's. */
function formatDue(at: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at);
  return `${text} (${timeZone})`;
}
