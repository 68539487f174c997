/**
 * Business-hours calendars, SLA policies and team calendars through the admin
 * router (admin.sla.*). Each refusal also checks that nothing was written.
 *
 * Tests may share one PostgreSQL database with other files, whose tickets
 * read the default calendar and every policy. So calendars are created inside
 * transactions that are always rolled back (creating one where no default
 * exists would make it the default for everyone), except in the one test of
 * concurrent default switching, which uses around-the-clock calendars (the
 * same clock as having none) and restores the previous default; and every
 * policy is scoped to an organization or category this file created.
 */
import { TRPCError } from "@trpc/server";
import { eq, inArray } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { businessCalendars, slaPolicies, teams, type WeeklyHours } from "@/db/schema";
import type { Db } from "@/db/types";
import { AppError } from "@/server/errors";
import { createCalendar, setDefaultCalendar } from "@/server/sla/calendar-admin";
import { callerFor, createCategory, createOrganization, createUser, unique } from "../support/factories";
import { codeOf } from "../support/trpc-errors";
import { inRolledBackTransaction, useTestDatabase } from "../support/test-db";

async function failureOf(promise: Promise<unknown>): Promise<{ code: string; message: string; fields: string[]; problems: string[] }> {
  try {
    await promise;
    return { code: "OK", message: "", fields: [], problems: [] };
  } catch (error) {
    if (!(error instanceof TRPCError)) throw error;
    const issues = (error.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined)?.issues ?? [];
    return { code: error.code, message: error.message, fields: [...new Set(issues.map((i) => String(i.path[0])))], problems: issues.map((i) => i.message) };
  }
}

type Day = keyof WeeklyHours;
const allDays: Day[] = ["1", "2", "3", "4", "5", "6", "7"];

/** The same hours on `days` (Monday–Friday unless told), closed on the others. */
function weekly(hours: { start: string; end: string }[] = [{ start: "09:00", end: "17:00" }], days: Day[] = ["1", "2", "3", "4", "5"]): WeeklyHours {
  const week: WeeklyHours = { "1": [], "2": [], "3": [], "4": [], "5": [], "6": [], "7": [] };
  for (const day of days) week[day] = hours;
  return week;
}

const aroundTheClock = weekly([{ start: "00:00", end: "24:00" }], allDays);

function calendarInput(overrides: Partial<{ name: string; timeZone: string; weekly: WeeklyHours; holidays: string[] }> = {}) {
  return { name: unique("Hours"), timeZone: "Europe/Berlin", weekly: weekly(), holidays: [], ...overrides };
}

describe("SLA admin", async () => {
  const { db } = await useTestDatabase();
  const adminApi = async (on: Db = db) => callerFor(on, await createUser(on, { role: "admin" })).admin.sla;

  /** An admin API inside a rolled-back transaction, with a calendar of its own as the default. */
  async function withOwnDefault(work: (api: Awaited<ReturnType<typeof adminApi>>, tx: Db, defaultId: string) => Promise<void>) {
    await inRolledBackTransaction(db, async (tx) => {
      const api = await adminApi(tx);
      const base = await api.calendars.create(calendarInput({ name: unique("Base hours") }));
      await api.calendars.setDefault({ id: base.id });
      await work(api, tx, base.id);
    });
  }

  describe("calendars", () => {
    it("creates and edits a calendar with a lunch break, deduplicating and sorting holidays", async () => {
      await withOwnDefault(async (api) => {
        const name = unique("Berlin office");
        const lunch = weekly([
          { start: "09:00", end: "12:00" },
          { start: "13:00", end: "17:30" },
        ]);
        const created = await api.calendars.create({ name: `  ${name} `, timeZone: "Europe/Berlin", weekly: lunch, holidays: ["2026-12-25", "2026-01-01", "2026-12-25"] });
        expect(created).toMatchObject({ name, timeZone: "Europe/Berlin", weekly: lunch, holidays: ["2026-01-01", "2026-12-25"], isDefault: false });

        const saturdays = weekly([{ start: "10:00", end: "14:00" }], ["6"]);
        const edited = await api.calendars.update({ id: created.id, name: `${name} v2`, timeZone: "America/New_York", weekly: saturdays, holidays: [] });
        expect(edited).toMatchObject({ name: `${name} v2`, timeZone: "America/New_York", weekly: saturdays, holidays: [], isDefault: false });
        expect(edited.updatedAt.getTime()).toBeGreaterThanOrEqual(created.updatedAt.getTime());

        const listed = (await api.calendars.list()).find((c) => c.id === created.id);
        expect(listed).toMatchObject({ name: `${name} v2`, teams: [] });
        expect((await failureOf(api.calendars.update({ id: crypto.randomUUID(), ...calendarInput() }))).code).toBe("NOT_FOUND");
      });
    });

    it("refuses an unknown zone, overlapping or reversed hours, a week without hours and a bad holiday, writing nothing", async () => {
      const api = await adminApi();
      const name = unique("Refused hours");
      const attempts = [
        { field: "timeZone", problem: "not a known time zone", input: calendarInput({ name, timeZone: "Mars/Olympus" }) },
        { field: "timeZone", problem: "Choose a time zone", input: calendarInput({ name, timeZone: " " }) },
        {
          field: "weekly",
          problem: "Monday 11:00–17:00: overlaps 09:00–12:00.",
          input: calendarInput({ name, weekly: { ...weekly(), "1": [{ start: "09:00", end: "12:00" }, { start: "11:00", end: "17:00" }] } }),
        },
        { field: "weekly", problem: "the start is not before the end", input: calendarInput({ name, weekly: weekly([{ start: "17:00", end: "09:00" }]) }) },
        { field: "weekly", problem: "not a time between", input: calendarInput({ name, weekly: weekly([{ start: "9am", end: "17:00" }]) }) },
        { field: "weekly", problem: "no business hours on any day", input: calendarInput({ name, weekly: weekly([], []) }) },
        { field: "weekly", problem: "Weekdays are 1 (Monday) to 7 (Sunday).", input: calendarInput({ name, weekly: { ...weekly(), 8: [] } as WeeklyHours }) },
        { field: "holidays", problem: 'Holiday "2026-02-30" is not a date (YYYY-MM-DD).', input: calendarInput({ name, holidays: ["2026-01-01", "2026-02-30"] }) },
        { field: "name", problem: "under 80 characters", input: calendarInput({ name: "x".repeat(81) }) },
        { field: "name", problem: "Name the calendar.", input: calendarInput({ name: "   " }) },
      ];
      for (const { field, problem, input } of attempts) {
        const failure = await failureOf(api.calendars.create(input));
        expect(failure, problem).toMatchObject({ code: "BAD_REQUEST", fields: [field] });
        expect(failure.problems.join(" "), problem).toContain(problem);
      }
      expect(await db.select().from(businessCalendars).where(eq(businessCalendars.name, name))).toEqual([]);

      // The domain function checks too, in validateCalendar's words, for callers that skip the router.
      const direct = createCalendar(db, calendarInput({ name, weekly: weekly([{ start: "12:00", end: "12:00" }]) }));
      await expect(direct).rejects.toBeInstanceOf(AppError);
      await expect(createCalendar(db, calendarInput({ name, timeZone: "Nowhere/Land" }))).rejects.toThrow('"Nowhere/Land" is not a known time zone.');
      expect(await db.select().from(businessCalendars).where(eq(businessCalendars.name, name))).toEqual([]);
    });

    it("refuses invalid edits and a taken name in any case, leaving the calendar as it was", async () => {
      await withOwnDefault(async (api) => {
        const first = await api.calendars.create(calendarInput());
        const second = await api.calendars.create(calendarInput());

        const clash = await failureOf(api.calendars.create(calendarInput({ name: first.name.toUpperCase() })));
        expect(clash).toMatchObject({ code: "CONFLICT", message: `A calendar named "${first.name}" already exists. Choose another name.` });
        expect((await failureOf(api.calendars.update({ ...calendarInput({ name: first.name }), id: second.id }))).code).toBe("CONFLICT");
        const overlapping = weekly([
          { start: "09:00", end: "13:00" },
          { start: "12:00", end: "17:00" },
        ]);
        expect(await failureOf(api.calendars.update({ ...calendarInput({ name: second.name, weekly: overlapping }), id: second.id }))).toMatchObject({
          code: "BAD_REQUEST",
          fields: ["weekly"],
        });

        const kept = (await api.calendars.list()).find((c) => c.id === second.id);
        expect(kept).toMatchObject({ name: second.name, weekly: second.weekly, timeZone: second.timeZone });
        // Renaming to its own name in another case is fine.
        expect(await api.calendars.update({ ...calendarInput({ name: second.name.toUpperCase() }), id: second.id })).toMatchObject({ name: second.name.toUpperCase() });
      });
    });

    it("makes the first calendar the default, keeps exactly one default, and deletes the default only when it is the last", async () => {
      await inRolledBackTransaction(db, async (tx) => {
        const api = await adminApi(tx);
        // A world without a default, seen only inside this transaction.
        await tx.update(businessCalendars).set({ isDefault: false });
        const defaults = async () => (await tx.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true))).map((c) => c.id);

        const first = await api.calendars.create(calendarInput());
        const second = await api.calendars.create(calendarInput());
        expect([first.isDefault, second.isDefault]).toEqual([true, false]);
        expect((await api.calendars.list())[0]?.id).toBe(first.id);

        expect(await api.calendars.setDefault({ id: second.id })).toMatchObject({ id: second.id, isDefault: true });
        expect(await defaults()).toEqual([second.id]);
        expect(await api.calendars.setDefault({ id: second.id })).toMatchObject({ isDefault: true });
        expect(await defaults()).toEqual([second.id]);
        expect((await failureOf(api.calendars.setDefault({ id: crypto.randomUUID() }))).code).toBe("NOT_FOUND");

        const refused = await failureOf(api.calendars.delete({ id: second.id }));
        expect(refused).toMatchObject({ code: "CONFLICT", message: expect.stringContaining("Make another calendar the default first") });
        expect(await defaults()).toEqual([second.id]);

        expect(await api.calendars.delete({ id: first.id })).toMatchObject({ id: first.id, teamsMovedToDefault: 0 });
        // Alone, the default may go: clocks then run around the clock.
        await tx.delete(businessCalendars).where(inArray(businessCalendars.id, (await api.calendars.list()).filter((c) => c.id !== second.id).map((c) => c.id)));
        expect(await api.calendars.delete({ id: second.id })).toMatchObject({ id: second.id });
        expect(await defaults()).toEqual([]);
      });
    });

    it("switches the default safely when two admins do it at once, then restores the previous default", async () => {
      const api = await adminApi();
      const [previous] = await db.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true));
      // Around the clock in UTC: while either is the default, other files' tickets see the same clock as with no calendar.
      const a = await api.calendars.create(calendarInput({ timeZone: "UTC", weekly: aroundTheClock }));
      const b = await api.calendars.create(calendarInput({ timeZone: "UTC", weekly: aroundTheClock }));
      try {
        // One switch is held open before its commit while the other starts: the second must wait, then win.
        let inside!: () => void;
        const entered = new Promise<void>((resolve) => (inside = resolve));
        const first = db.transaction(async (tx) => {
          await setDefaultCalendar(tx, { id: a.id });
          inside();
          await new Promise((resolve) => setTimeout(resolve, 200));
        });
        await entered;
        const second = api.calendars.setDefault({ id: b.id });
        await first;
        expect(await second).toMatchObject({ id: b.id, isDefault: true });
        const defaults = await db.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true));
        expect(defaults).toEqual([{ id: b.id }]);

        const switches = Array.from({ length: 8 }, (_, i) => api.calendars.setDefault({ id: i % 2 === 0 ? a.id : b.id }));
        expect((await Promise.allSettled(switches)).filter((result) => result.status === "rejected")).toEqual([]);
        expect(await db.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true))).toHaveLength(1);
      } finally {
        if (previous) await api.calendars.setDefault({ id: previous.id });
        else await db.update(businessCalendars).set({ isDefault: false }).where(inArray(businessCalendars.id, [a.id, b.id]));
        await db.delete(businessCalendars).where(inArray(businessCalendars.id, [a.id, b.id]));
      }
      const [restored] = await db.select({ id: businessCalendars.id }).from(businessCalendars).where(eq(businessCalendars.isDefault, true));
      expect(restored?.id).toBe(previous?.id);
    });
  });

  describe("team calendars", () => {
    it("sets and clears a team's calendar; deleting the calendar returns its teams to the default", async () => {
      await withOwnDefault(async (api, tx) => {
        const admin = callerFor(tx, await createUser(tx, { role: "admin" })).admin;
        const team = await admin.teams.create({ name: unique("Night shift") });
        const other = await admin.teams.create({ name: unique("Day shift") });
        const nights = await api.calendars.create(calendarInput({ weekly: weekly([{ start: "22:00", end: "24:00" }], allDays) }));

        expect(await api.setTeamCalendar({ teamId: team.id, calendarId: nights.id })).toEqual({ id: team.id, calendarId: nights.id });
        await api.setTeamCalendar({ teamId: other.id, calendarId: nights.id });
        expect((await admin.teams.list()).find((t) => t.id === team.id)?.calendarId).toBe(nights.id);
        const listed = (await api.calendars.list()).find((c) => c.id === nights.id);
        expect(listed?.teams.map((t) => t.id).sort()).toEqual([team.id, other.id].sort());

        expect(await api.setTeamCalendar({ teamId: other.id, calendarId: null })).toEqual({ id: other.id, calendarId: null });
        expect((await failureOf(api.setTeamCalendar({ teamId: team.id, calendarId: crypto.randomUUID() }))).code).toBe("BAD_REQUEST");
        expect((await failureOf(api.setTeamCalendar({ teamId: crypto.randomUUID(), calendarId: nights.id }))).code).toBe("NOT_FOUND");
        expect((await tx.select({ calendarId: teams.calendarId }).from(teams).where(eq(teams.id, team.id)))[0]?.calendarId).toBe(nights.id);

        expect(await api.calendars.delete({ id: nights.id })).toMatchObject({ id: nights.id, teamsMovedToDefault: 1 });
        expect((await tx.select({ calendarId: teams.calendarId }).from(teams).where(eq(teams.id, team.id)))[0]?.calendarId).toBeNull();
        expect((await failureOf(api.calendars.delete({ id: nights.id }))).code).toBe("NOT_FOUND");
      });
    });
  });

  describe("policies", () => {
    const targets = { firstResponseMinutes: 60, resolutionMinutes: 480, pauseOnPending: true, pauseOnHold: true };

    it("creates, edits and deletes policies; lists urgent first and the most specific scope first", async () => {
      const api = await adminApi();
      const organization = await createOrganization(db);
      const { category } = await createCategory(db);
      const name = unique("Gold");
      const both = await api.policies.create({ name: `${name} both`, priority: "urgent", categoryId: category.id, organizationId: organization.id, ...targets });
      const byCategory = await api.policies.create({ name: `${name} category`, priority: "urgent", categoryId: category.id, firstResponseMinutes: 30 });
      const byOrganization = await api.policies.create({ name: `  ${name} org `, priority: "urgent", organizationId: organization.id, resolutionMinutes: 240 });
      const low = await api.policies.create({ name: `${name} low`, priority: "low", categoryId: category.id, organizationId: organization.id, ...targets });
      expect(byOrganization).toMatchObject({
        name: `${name} org`,
        categoryId: null,
        firstResponseMinutes: null,
        resolutionMinutes: 240,
        pauseOnPending: true,
        pauseOnHold: true,
      });

      const mine = (await api.policies.list()).filter((p) => p.organizationId === organization.id || p.categoryId === category.id);
      expect(mine.map((p) => p.id)).toEqual([both.id, byOrganization.id, byCategory.id, low.id]);
      expect(mine[0]).toMatchObject({ categoryName: category.name, categoryArchived: false, organizationName: organization.name });

      const edited = await api.policies.update({
        id: byOrganization.id,
        name: `${name} org v2`,
        priority: "high",
        categoryId: null,
        organizationId: organization.id,
        firstResponseMinutes: 15,
        resolutionMinutes: 15,
        pauseOnPending: false,
        pauseOnHold: true,
      });
      expect(edited).toMatchObject({ name: `${name} org v2`, priority: "high", firstResponseMinutes: 15, resolutionMinutes: 15, pauseOnPending: false });
      expect(edited.updatedAt.getTime()).toBeGreaterThanOrEqual(byOrganization.updatedAt.getTime());

      expect(await api.policies.delete({ id: low.id })).toEqual({ id: low.id, name: low.name });
      expect((await api.policies.list()).some((p) => p.id === low.id)).toBe(false);
      expect((await failureOf(api.policies.delete({ id: low.id }))).code).toBe("NOT_FOUND");
      expect((await failureOf(api.policies.update({ ...targets, id: low.id, name, priority: "low", categoryId: category.id, organizationId: null }))).code).toBe(
        "NOT_FOUND",
      );
    });

    it("refuses a second policy for the same scope, naming the one that exists", async () => {
      const api = await adminApi();
      const organization = await createOrganization(db);
      const existing = await api.policies.create({ name: unique("Enterprise"), priority: "high", organizationId: organization.id, ...targets });
      const other = await api.policies.create({ name: unique("Enterprise low"), priority: "low", organizationId: organization.id, ...targets });

      const duplicate = await failureOf(api.policies.create({ name: unique("Again"), priority: "high", organizationId: organization.id, ...targets }));
      expect(duplicate).toMatchObject({
        code: "CONFLICT",
        message: `The policy "${existing.name}" already sets targets for high tickets from ${organization.name}. Edit that policy instead.`,
      });
      const moved = await failureOf(api.policies.update({ ...targets, id: other.id, name: other.name, priority: "high", categoryId: null, organizationId: organization.id }));
      expect(moved.code).toBe("CONFLICT");
      // Saving a policy in its own scope is not a clash.
      expect(await api.policies.update({ ...targets, id: existing.id, name: existing.name, priority: "high", categoryId: null, organizationId: organization.id })).toMatchObject({
        id: existing.id,
      });

      const rows = await db.select({ priority: slaPolicies.priority }).from(slaPolicies).where(eq(slaPolicies.organizationId, organization.id));
      expect(rows.map((r) => r.priority).sort()).toEqual(["high", "low"]);
    });

    it("validates names, priorities and targets (whole minutes, at least one, first response within resolution), writing nothing", async () => {
      const api = await adminApi();
      const organization = await createOrganization(db);
      const base = { name: unique("Targets"), priority: "normal" as const, organizationId: organization.id };
      const attempts = [
        { field: "firstResponseMinutes", input: { ...base, firstResponseMinutes: null, resolutionMinutes: null }, problem: "Set a first-response target" },
        { field: "firstResponseMinutes", input: { ...base, firstResponseMinutes: 0 }, problem: "at least 1 minute" },
        { field: "firstResponseMinutes", input: { ...base, firstResponseMinutes: 1.5 }, problem: "whole minutes" },
        { field: "resolutionMinutes", input: { ...base, resolutionMinutes: 525_601 }, problem: "at most 8,760 hours" },
        { field: "resolutionMinutes", input: { ...base, firstResponseMinutes: 120, resolutionMinutes: 60 }, problem: "cannot be shorter" },
        { field: "name", input: { ...base, name: " ", resolutionMinutes: 60 }, problem: "Name the policy." },
        { field: "name", input: { ...base, name: "x".repeat(81), resolutionMinutes: 60 }, problem: "under 80 characters" },
        { field: "priority", input: { ...base, priority: "critical" as "urgent", resolutionMinutes: 60 }, problem: "Choose a priority." },
        { field: "organizationId", input: { ...base, organizationId: "acme", resolutionMinutes: 60 }, problem: "Choose an organization." },
      ];
      for (const { field, input, problem } of attempts) {
        const failure = await failureOf(api.policies.create(input));
        expect(failure, problem).toMatchObject({ code: "BAD_REQUEST", fields: [field] });
        expect(failure.problems.join(" "), problem).toContain(problem);
      }
      expect(await db.select().from(slaPolicies).where(eq(slaPolicies.organizationId, organization.id))).toEqual([]);

      const edges = await api.policies.create({ ...base, firstResponseMinutes: 525_600, resolutionMinutes: 525_600 });
      expect(edges).toMatchObject({ firstResponseMinutes: 525_600, resolutionMinutes: 525_600 });
      const invalidEdit = await failureOf(api.policies.update({ ...base, ...targets, id: edges.id, categoryId: null, firstResponseMinutes: null, resolutionMinutes: null }));
      expect(invalidEdit).toMatchObject({ code: "BAD_REQUEST", fields: ["firstResponseMinutes"] });
      expect((await api.policies.list()).find((p) => p.id === edges.id)).toMatchObject({ firstResponseMinutes: 525_600 });
    });

    it("refuses an archived or missing category and a missing organization, but keeps an archived category on edit", async () => {
      const api = await adminApi();
      const admin = callerFor(db, await createUser(db, { role: "admin" })).admin;
      const { category: archived } = await createCategory(db, { archived: true });
      const { category } = await createCategory(db);
      const organization = await createOrganization(db);

      const options = await api.policies.scopeOptions();
      expect(options.categories.map((c) => c.id)).toContain(category.id);
      expect(options.categories.map((c) => c.id)).not.toContain(archived.id);
      expect(options.organizations).toContainEqual({ id: organization.id, name: organization.name });

      const name = unique("Scoped");
      expect(await failureOf(api.policies.create({ name, priority: "normal", categoryId: archived.id, ...targets }))).toMatchObject({
        code: "BAD_REQUEST",
        message: expect.stringContaining("is archived"),
      });
      expect((await failureOf(api.policies.create({ name, priority: "normal", categoryId: crypto.randomUUID(), ...targets }))).code).toBe("BAD_REQUEST");
      expect((await failureOf(api.policies.create({ name, priority: "normal", organizationId: crypto.randomUUID(), ...targets }))).code).toBe("BAD_REQUEST");
      expect(await db.select().from(slaPolicies).where(eq(slaPolicies.name, name))).toEqual([]);

      const policy = await api.policies.create({ name, priority: "normal", categoryId: category.id, ...targets });
      await admin.categories.setArchived({ id: category.id, archived: true });
      expect((await api.policies.list()).find((p) => p.id === policy.id)).toMatchObject({ categoryArchived: true });
      const fields = { ...targets, id: policy.id, name, priority: "normal" as const, organizationId: null };
      expect(await api.policies.update({ ...fields, categoryId: category.id, resolutionMinutes: 600 })).toMatchObject({ resolutionMinutes: 600 });
      expect((await failureOf(api.policies.update({ ...fields, id: policy.id, categoryId: archived.id }))).message).toContain("is archived");
    });
  });

  it("is for admins only", async () => {
    const organization = await createOrganization(db);
    const team = await callerFor(db, await createUser(db, { role: "admin" })).admin.teams.create({ name: unique("Guarded") });
    for (const role of ["customer", "agent", "manager"] as const) {
      const api = callerFor(db, await createUser(db, { role })).admin.sla;
      expect(await codeOf(api.calendars.list()), role).toBe("FORBIDDEN");
      expect(await codeOf(api.calendars.create(calendarInput())), role).toBe("FORBIDDEN");
      expect(await codeOf(api.policies.create({ name: unique("Nope"), priority: "low", organizationId: organization.id, resolutionMinutes: 60 })), role).toBe("FORBIDDEN");
      expect(await codeOf(api.setTeamCalendar({ teamId: team.id, calendarId: null })), role).toBe("FORBIDDEN");
    }
    expect(await codeOf(callerFor(db, null).admin.sla.policies.list())).toBe("UNAUTHORIZED");
    expect(await db.select().from(slaPolicies).where(eq(slaPolicies.organizationId, organization.id))).toEqual([]);
  });
});
