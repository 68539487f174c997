/**
 * Business-hours calendars as admins manage them, and which calendar each
 * team uses. A ticket's SLA clock runs on its team's calendar, else on the
 * default one, else around the clock (server/sla/ticket-sla.ts); changes
 * reach a ticket the next time it is created or changed.
 *
 * Exactly one calendar is the default once any exists: the first one created
 * becomes it, it cannot be deleted while others exist, and every write that
 * decides which calendar is the default takes one advisory lock, so two
 * admins switching at once end with one default instead of a unique-index
 * error or none.
 */
import "server-only";
import { and, asc, desc, eq, isNotNull, ne, sql } from "drizzle-orm";
import { businessCalendars, teams, type WeeklyHours } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx, Tx } from "@/db/types";
import { withUniqueConflict } from "@/server/admin/database-errors";
import { AppError } from "@/server/errors";
import { validateCalendar } from "./business-hours";
import { businessCalendarOf } from "./stored-calendar";

// Names the advisory lock held while the default calendar is decided (an arbitrary constant).
const defaultCalendarLock = 4_217_051;

/** Every calendar, the default first, each with the teams that chose it. */
export async function listCalendars(db: DbOrTx) {
  const [calendarRows, teamRows] = await Promise.all([
    db.select().from(businessCalendars).orderBy(desc(businessCalendars.isDefault), asc(businessCalendars.name)),
    db
      .select({ id: teams.id, name: teams.name, calendarId: teams.calendarId })
      .from(teams)
      .where(isNotNull(teams.calendarId))
      .orderBy(asc(teams.name)),
  ]);
  return calendarRows.map((calendar) => ({
    ...calendar,
    teams: teamRows.filter((team) => team.calendarId === calendar.id).map(({ id, name }) => ({ id, name })),
  }));
}

export interface CalendarFields {
  name: string;
  timeZone: string;
  weekly: WeeklyHours;
  holidays: string[];
}

/** Trims, deduplicates and sorts; refuses a calendar the SLA clock could not use, in validateCalendar's words. */
function checkedCalendar(input: CalendarFields): CalendarFields {
  const fields = { ...input, name: input.name.trim(), timeZone: input.timeZone.trim(), holidays: [...new Set(input.holidays)].sort() };
  const problems = validateCalendar(businessCalendarOf(fields));
  if (problems.length > 0) throw new AppError("INVALID", problems.join(" "));
  return fields;
}

function calendarNameTaken(name: string) {
  return new AppError("CONFLICT", `A calendar named "${name}" already exists. Choose another name.`);
}

/** Names are unique regardless of case, so two calendars never look alike in a team's picker. */
async function ensureCalendarNameFree(tx: Tx, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ name: businessCalendars.name })
    .from(businessCalendars)
    .where(and(sql`lower(${businessCalendars.name}) = lower(${name})`, exceptId ? ne(businessCalendars.id, exceptId) : undefined))
    .limit(1);
  if (taken) throw calendarNameTaken(taken.name);
}

// The default is decided under a lock, so the only unique index a race can hit is the name's.
function withNameConflict<T>(name: string, write: () => Promise<T>): Promise<T> {
  return withUniqueConflict(write, () => calendarNameTaken(name));
}

async function lockDefaultCalendar(tx: Tx) {
  await tx.execute(sql`select pg_advisory_xact_lock(${defaultCalendarLock})`);
}

/** Creates a calendar; the first one becomes the default. */
export async function createCalendar(db: DbOrTx, input: CalendarFields) {
  const fields = checkedCalendar(input);
  return withNameConflict(fields.name, () =>
    db.transaction(async (tx) => {
      await lockDefaultCalendar(tx);
      await ensureCalendarNameFree(tx, fields.name);
      const [current] = await tx.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true)).limit(1);
      return single(await tx.insert(businessCalendars).values({ ...fields, isDefault: !current }).returning(), "calendar");
    }),
  );
}

export async function updateCalendar(db: DbOrTx, input: CalendarFields & { id: string }) {
  const { id, ...rest } = input;
  const fields = checkedCalendar(rest);
  return withNameConflict(fields.name, () =>
    db.transaction(async (tx) => {
      await ensureCalendarNameFree(tx, fields.name, id);
      const [updated] = await tx
        .update(businessCalendars)
        .set({ ...fields, updatedAt: sql`now()` })
        .where(eq(businessCalendars.id, id))
        .returning();
      if (!updated) throw calendarGone();
      return updated;
    }),
  );
}

function calendarGone() {
  return new AppError("NOT_FOUND", "That calendar no longer exists. Reload the page.");
}

/** Makes one calendar the default: the old default is cleared and the new one set in one transaction. */
export async function setDefaultCalendar(db: DbOrTx, input: { id: string }) {
  return db.transaction(async (tx) => {
    await lockDefaultCalendar(tx);
    const [calendar] = await tx.select().from(businessCalendars).where(eq(businessCalendars.id, input.id)).for("update");
    if (!calendar) throw calendarGone();
    if (calendar.isDefault) return calendar;
    await tx
      .update(businessCalendars)
      .set({ isDefault: false, updatedAt: sql`now()` })
      .where(and(eq(businessCalendars.isDefault, true), ne(businessCalendars.id, calendar.id)));
    return single(
      await tx.update(businessCalendars).set({ isDefault: true, updatedAt: sql`now()` }).where(eq(businessCalendars.id, calendar.id)).returning(),
      "calendar",
    );
  });
}

/**
 * Deletes a calendar. Teams that used it fall back to the default (the
 * foreign key sets their calendar to null). The default itself can only go
 * when it is the last calendar, after which clocks run around the clock.
 */
export async function deleteCalendar(db: DbOrTx, input: { id: string }) {
  return db.transaction(async (tx) => {
    await lockDefaultCalendar(tx);
    const [calendar] = await tx
      .select({ id: businessCalendars.id, name: businessCalendars.name, isDefault: businessCalendars.isDefault })
      .from(businessCalendars)
      .where(eq(businessCalendars.id, input.id))
      .for("update");
    if (!calendar) throw calendarGone();
    if (calendar.isDefault) {
      const [other] = await tx.select({ id: businessCalendars.id }).from(businessCalendars).where(ne(businessCalendars.id, calendar.id)).limit(1);
      if (other) throw new AppError("CONFLICT", `"${calendar.name}" is the default calendar. Make another calendar the default first.`);
    }
    const movedTeams = await tx.update(teams).set({ calendarId: null }).where(eq(teams.calendarId, calendar.id)).returning({ id: teams.id });
    await tx.delete(businessCalendars).where(eq(businessCalendars.id, calendar.id));
    return { id: calendar.id, name: calendar.name, teamsMovedToDefault: movedTeams.length };
  });
}

/** The team's own business hours, or null for the default calendar. */
export async function setTeamCalendar(db: DbOrTx, input: { teamId: string; calendarId: string | null }) {
  return db.transaction(async (tx) => {
    if (input.calendarId) {
      // Share-locked so a concurrent delete cannot slip between this check and the update.
      const [calendar] = await tx.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.id, input.calendarId)).for("share");
      if (!calendar) throw new AppError("INVALID", "That calendar no longer exists. Reload the page and choose another.");
    }
    const [updated] = await tx
      .update(teams)
      .set({ calendarId: input.calendarId })
      .where(eq(teams.id, input.teamId))
      .returning({ id: teams.id, calendarId: teams.calendarId });
    if (!updated) throw new AppError("NOT_FOUND", "That team no longer exists. Reload the page.");
    return updated;
  });
}
