/**
 * The weekly volume report: tickets created and solved per UTC week starting
 * Monday, one zero-filled point per week, edges of the window and of each
 * week counted in the right place. The fixture lives in 2031 and counts are
 * compared with a baseline taken first, so other tests' tickets (a shared
 * PostgreSQL) cannot disturb it. Only managers and admins may read it.
 */
import { describe, expect, it } from "vitest";
import { tickets } from "@/db/schema";
import { weeklyVolumeReport, type VolumePoint } from "@/server/reports/ticket-volume";
import { callerFor, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const MS = 1;

/** Monday 00:00 UTC of the week holding `date`. */
function mondayOf(date: Date): Date {
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return new Date(midnight - ((date.getUTCDay() + 6) % 7) * DAY);
}

const isoDate = (date: Date) => date.toISOString().slice(0, 10);

// A Wednesday afternoon, far from anything other tests create.
const now = new Date("2031-07-16T14:00:00.000Z");
const WEEKS = 6;
/** Start of the k-th week before the one holding `now` (0: this week). */
const week = (k: number) => new Date(mondayOf(now).getTime() - k * WEEK);
const at = (k: number, offsetMs: number) => new Date(week(k).getTime() + offsetMs);

/** [created_at, solved_at] for each fixture ticket, and where each should (not) count. */
const fixture: [Date, Date | null][] = [
  [at(0, 0), null], // first instant of this week
  [at(0, 2 * DAY), new Date(now.getTime() - 3_600_000)], // created and solved this week, before now
  [at(2, 3 * DAY), at(1, DAY)], // solved the week after it was created
  [at(2, 3 * DAY + 5_000), null],
  [at(1, -MS), null], // last instant of week 2 (Sunday 23:59:59.999)
  [at(5, 0), at(3, 4 * DAY)], // first instant of the window
  [at(6, WEEK - MS), at(4, 2 * DAY)], // created just before the window, solved inside it
  [at(9, DAY), at(6, DAY)], // entirely before the window
  [at(-1, DAY), at(-1, 2 * DAY)], // the week after now: no point for it
];
/** Expected increase per point, oldest week first (k = 5 … 0). */
const expectedDelta: Omit<VolumePoint, "week">[] = [
  { created: 1, solved: 0 }, // week 5
  { created: 0, solved: 1 }, // week 4
  { created: 0, solved: 1 }, // week 3
  { created: 3, solved: 0 }, // week 2
  { created: 0, solved: 1 }, // week 1
  { created: 2, solved: 1 }, // week 0
];

describe("weekly volume report", async () => {
  const { db } = await useTestDatabase();

  it("counts created and solved tickets per ISO week, zero-filled", async () => {
    const baseline = await weeklyVolumeReport(db, WEEKS, now);
    const requester = await createUser(db);
    await db.insert(tickets).values(
      fixture.map(([createdAt, solvedAt], i) => ({
        subject: `Volume fixture ${i}`,
        requesterId: requester.id,
        status: solvedAt ? ("solved" as const) : ("open" as const),
        createdAt,
        updatedAt: solvedAt ?? createdAt,
        solvedAt,
      })),
    );
    const report = await weeklyVolumeReport(db, WEEKS, now);

    const expectedWeeks = [5, 4, 3, 2, 1, 0].map((k) => isoDate(week(k)));
    expect(report).toHaveLength(WEEKS);
    expect(report.map((p) => p.week)).toEqual(expectedWeeks);
    expect(baseline.map((p) => p.week)).toEqual(expectedWeeks);
    for (const point of report) expect(new Date(`${point.week}T00:00:00Z`).getUTCDay(), point.week).toBe(1);

    const delta = report.map((p, i) => ({ created: p.created - baseline[i]!.created, solved: p.solved - baseline[i]!.solved }));
    expect(delta).toEqual(expectedDelta);
  });

  it("returns exactly `weeks` points ending with the week that holds `now`", async () => {
    for (const weeks of [1, 4, 13]) {
      const report = await weeklyVolumeReport(db, weeks, now);
      expect(report).toHaveLength(weeks);
      expect(report.at(-1)?.week).toBe(isoDate(week(0)));
      expect(report[0]?.week).toBe(isoDate(week(weeks - 1)));
      report.forEach((point, i) => i > 0 && expect(Date.parse(point.week) - Date.parse(report[i - 1]!.week)).toBe(WEEK));
    }
  });

  it("places `now` on the edges of a week in that week", async () => {
    const monday = week(0);
    const sundayNight = new Date(week(-1).getTime() - MS);
    for (const edge of [monday, sundayNight]) {
      const report = await weeklyVolumeReport(db, 2, edge);
      expect(report.map((p) => p.week), edge.toISOString()).toEqual([isoDate(week(1)), isoDate(week(0))]);
    }
  });

  it("is for managers and admins only", async () => {
    const callFor = async (role: "customer" | "agent" | "manager" | "admin" | null) =>
      codeOf(callerFor(db, role ? await createUser(db, { role }) : null).reports.weeklyVolume({ weeks: 3 }));
    expect(await callFor(null)).toBe("UNAUTHORIZED");
    expect(await callFor("customer")).toBe("FORBIDDEN");
    expect(await callFor("agent")).toBe("FORBIDDEN");
    expect(await callFor("manager")).toBe("OK");
    expect(await callFor("admin")).toBe("OK");

    const manager = await createUser(db, { role: "manager" });
    const thisWeek = isoDate(mondayOf(new Date()));
    const report = await callerFor(db, manager).reports.weeklyVolume({ weeks: 3 });
    expect(report).toHaveLength(3);
    // The procedure reports up to the current week (or the next, if a week began meanwhile).
    expect([thisWeek, isoDate(mondayOf(new Date()))]).toContain(report.at(-1)?.week);
  });
});
