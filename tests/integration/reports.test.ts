/**
 * Manager reports against a hand-computed fixture: ten tickets of one
 * organization with known times (first responses 10, 20 … 100 minutes after
 * creation; four solved after 60, 120, 180 and 240 minutes; one solved and
 * reopened), SLA results, ratings and status history. Every figure below is
 * worked out by hand in the comments. Reports are filtered to the fixture's
 * organization, so other tests' tickets on a shared database never count.
 * Buckets follow the viewer's time zone (New York here), and only managers
 * and admins may read reports.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { satisfactionRatings, ticketEvents, tickets, ticketSlas, type TicketPriority } from "@/db/schema";
import { single } from "@/db/rows";
import { toCsv } from "@/server/reports/report-table";
import { callerFor, createOrganization, createUser } from "../support/factories";
import { onPostgres, useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const start = Date.parse("2025-03-03T14:00:00Z"); // Monday 09:00 in New York (EST)
const at = (ms: number) => new Date(ms);

describe("manager reports", async () => {
  const { db } = await useTestDatabase();
  let input: { from: string; to: string; timeZone: string; bucket: "day" | "week" | "month"; filters: { organizationId: string } };
  let manager: Awaited<ReturnType<typeof createUser>>;
  let agentA: Awaited<ReturnType<typeof createUser>>;
  let agentB: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    const organization = await createOrganization(db);
    const requester = await createUser(db, { organizationId: organization.id });
    manager = await createUser(db, { role: "manager" });
    agentA = await createUser(db, { role: "agent", name: "Agent Avery" });
    agentB = await createUser(db, { role: "agent", name: "Agent Blake" });
    input = { from: "2025-03-03", to: "2025-03-09", timeZone: "America/New_York", bucket: "day", filters: { organizationId: organization.id } };

    for (let i = 0; i < 10; i++) {
      // Ticket 9 is created at 22:30 on Tuesday in New York, which is Wednesday in UTC.
      const createdAt = i === 9 ? Date.parse("2025-03-05T03:30:00Z") : start;
      const firstResponseAt = createdAt + 10 * (i + 1) * MINUTE;
      const solvedAt = i < 4 ? createdAt + 60 * (i + 1) * MINUTE : null;
      const ticket = single(
        await db
          .insert(tickets)
          .values({
            subject: `Report fixture ${i}`,
            status: solvedAt ? "solved" : "open",
            priority: (i < 5 ? "urgent" : "normal") satisfies TicketPriority,
            requesterId: requester.id,
            organizationId: organization.id,
            assigneeId: i < 5 ? agentA.id : agentB.id,
            createdAt: at(createdAt),
            updatedAt: at(createdAt),
            firstResponseAt: at(firstResponseAt),
            solvedAt: solvedAt ? at(solvedAt) : null,
          })
          .returning(),
        "ticket",
      );
      // First response met when within an hour: tickets 0–5.
      await db.insert(ticketSlas).values({ ticketId: ticket.id, metric: "first_response", targetMinutes: 60, elapsedMinutes: 10 * (i + 1), completedAt: at(firstResponseAt), met: i <= 5 });
      if (solvedAt) {
        await db.insert(ticketSlas).values({ ticketId: ticket.id, metric: "resolution", targetMinutes: 200, elapsedMinutes: 60 * (i + 1), completedAt: at(solvedAt), met: i !== 2 });
        await db.insert(ticketEvents).values({ ticketId: ticket.id, field: "status", fromValue: "open", toValue: "solved", createdAt: at(solvedAt) });
        // Rated the next day (Tuesday): good, good, bad, good.
        await db.insert(satisfactionRatings).values({ ticketId: ticket.id, score: i === 2 ? "bad" : "good", assigneeId: agentA.id, ratedAt: at(solvedAt + 24 * HOUR) });
      }
      if (i === 4) {
        // Solved on Monday, reopened on Thursday, open since: one solve and one reopen in the history.
        await db.insert(ticketEvents).values([
          { ticketId: ticket.id, field: "status", fromValue: "open", toValue: "solved", createdAt: at(start + 2 * HOUR) },
          { ticketId: ticket.id, field: "status", fromValue: "solved", toValue: "open", createdAt: at(Date.parse("2025-03-06T15:00:00Z")) },
        ]);
      }
    }
  });

  const api = () => callerFor(db, manager).reports;
  const column = (rows: Record<string, unknown>[], key: string) => rows.map((row) => row[key]);

  it("counts created and solved per local day, with empty days as zero", async () => {
    const { rows } = await api().volume(input);
    expect(column(rows, "bucket")).toEqual(["2025-03-03", "2025-03-04", "2025-03-05", "2025-03-06", "2025-03-07", "2025-03-08", "2025-03-09"]);
    expect(column(rows, "created")).toEqual([9, 1, 0, 0, 0, 0, 0]);
    expect(column(rows, "solved")).toEqual([4, 0, 0, 0, 0, 0, 0]);
  });

  it("buckets in the viewer's time zone: in UTC the late ticket falls on Wednesday", async () => {
    const { rows } = await api().volume({ ...input, timeZone: "UTC" });
    expect(column(rows, "created")).toEqual([9, 0, 1, 0, 0, 0, 0]);
  });

  it("groups by ISO week and by month", async () => {
    expect((await api().volume({ ...input, bucket: "week" })).rows).toEqual([{ bucket: "2025-03-03", created: 10, solved: 4 }]);
    expect((await api().volume({ ...input, bucket: "month" })).rows).toEqual([{ bucket: "2025-03-01", created: 10, solved: 4 }]);
  });

  it("tracks the backlog: 9 created − 4 solved on Monday, then the late ticket", async () => {
    const { rows } = await api().backlog(input);
    expect(column(rows, "open")).toEqual([5, 6, 6, 6, 6, 6, 6]);
    // From Tuesday on, Monday's five open tickets are the starting backlog.
    expect(column((await api().backlog({ ...input, from: "2025-03-04" })).rows, "open")).toEqual([6, 6, 6, 6, 6, 6]);
  });

  it("gives exact medians and 90th percentiles of first response and resolution", async () => {
    const { rows } = await api().responseTimes(input);
    const monday = rows[0]!;
    // Monday: first responses of tickets 0–8 (10 … 90 min): median 50, p90 at position 7.2 → 80 + 0.2 × 10.
    expect(monday).toMatchObject({ responded: 9, firstResponseMedian: 50, firstResponseP90: 82 });
    // Resolutions 60, 120, 180, 240: median 150, p90 at position 2.7 → 180 + 0.7 × 60.
    expect(monday).toMatchObject({ solved: 4, resolutionMedian: 150, resolutionP90: 222 });
    // Ticket 9's response was sent on Wednesday, New York time.
    expect(rows[2]).toMatchObject({ responded: 1, firstResponseMedian: 100, firstResponseP90: 100 });
  });

  it("sums up the range: medians over all ten, SLA, satisfaction and reopen rate", async () => {
    const [summary] = (await api().summary(input)).rows;
    expect(summary).toEqual({
      created: 10,
      solved: 4,
      firstResponseMedian: 55, // (50 + 60) / 2
      firstResponseP90: 91, // position 8.1 → 90 + 0.1 × 10
      resolutionMedian: 150,
      resolutionP90: 222,
      slaMet: 64.3, // first response 6 of 10, resolution 3 of 4: 9 of 14
      ratings: 4,
      percentGood: 75,
      reopenRate: 20, // 1 reopen against 5 solves
    });
  });

  it("reports SLA compliance per metric and day", async () => {
    const { rows } = await api().sla(input);
    expect(rows[0]).toEqual({ bucket: "2025-03-03", firstResponseTotal: 9, firstResponseMet: 66.7, resolutionTotal: 4, resolutionMet: 75 });
    expect(rows[2]).toEqual({ bucket: "2025-03-05", firstResponseTotal: 1, firstResponseMet: 0, resolutionTotal: 0, resolutionMet: null });
  });

  it("shows the satisfaction trend as good, bad and percent good", async () => {
    const { rows } = await api().satisfaction(input);
    expect(rows[1]).toEqual({ bucket: "2025-03-04", good: 3, bad: 1, percentGood: 75 });
    expect(rows[0]).toEqual({ bucket: "2025-03-03", good: 0, bad: 0, percentGood: null });
  });

  it("counts solves and reopens from the status history", async () => {
    const { rows } = await api().reopens(input);
    expect(rows[0]).toMatchObject({ solves: 5, reopens: 0, reopenRate: 0 });
    expect(rows[3]).toMatchObject({ bucket: "2025-03-06", solves: 0, reopens: 1, reopenRate: null });
  });

  it("tables agents with their own figures", async () => {
    const { rows } = await api().agents(input);
    expect(rows).toHaveLength(2);
    expect(rows).toMatchObject([
      // Avery: tickets 0–4; first responses 10 … 50; solved 0–3; SLA 5 + 3 of 9; ratings 3 of 4 good.
      { name: "Agent Avery", solved: 4, firstResponseMedian: 30, resolutionMedian: 150, slaMet: 88.9, ratings: 4, percentGood: 75 },
      // Blake: tickets 5–9; first responses 60 … 100; only ticket 5 within the hour.
      { name: "Agent Blake", solved: 0, firstResponseMedian: 80, resolutionMedian: null, slaMet: 20, ratings: 0, percentGood: null },
    ]);
  });

  it("breaks down by priority and by organization", async () => {
    const byPriority = await api().breakdown({ ...input, dimension: "priority" });
    expect(byPriority.rows.map((r) => [r.name, r.created, r.solved, r.firstResponseMedian])).toEqual([
      ["urgent", 5, 4, 30],
      ["normal", 5, 0, 80],
    ]);
    const byOrganization = await api().breakdown({ ...input, dimension: "organization" });
    expect(byOrganization.rows).toHaveLength(1);
    expect(byOrganization.rows[0]).toMatchObject({ created: 10, solved: 4, percentGood: 75 });
  });

  // Without filters, reports read the SLA, rating and event tables without
  // joining tickets. On a private database the fixture is all there is, so
  // the unfiltered figures must be the same.
  it.skipIf(onPostgres)("gives the same figures without filters (reports that skip the ticket join)", async () => {
    const unfiltered = { ...input, filters: {} };
    for (const name of ["summary", "volume", "backlog", "responseTimes", "sla", "satisfaction", "reopens", "agents"] as const) {
      expect((await api()[name](unfiltered)).rows, name).toEqual((await api()[name](input)).rows);
    }
  });

  it("refuses bad ranges with a clear message", async () => {
    const message = async (promise: Promise<unknown>) => ((await promise.then(() => null, (e: Error) => e)) as Error).message;
    expect(await message(api().volume({ ...input, from: "2025-03-10" }))).toContain("The end date is before the start date.");
    expect(await message(api().volume({ ...input, timeZone: "Mars/Olympus" }))).toContain("That is not a known time zone.");
    expect(await message(api().volume({ ...input, from: "2023-01-01", to: "2025-03-01", bucket: "day" }))).toContain("choose weeks or months");
    expect(await message(api().volume({ ...input, from: "2020-01-01" }))).toContain("at most three years");
  });

  it("is for managers and admins only", async () => {
    for (const [role, code] of [[null, "UNAUTHORIZED"], ["customer", "FORBIDDEN"], ["agent", "FORBIDDEN"], ["manager", "OK"], ["admin", "OK"]] as const) {
      const caller = callerFor(db, role ? await createUser(db, { role }) : null);
      expect(await codeOf(caller.reports.summary(input)), String(role)).toBe(code);
    }
  });

  it("writes CSV with quoting and without spreadsheet formulas", () => {
    const csv = toCsv({
      columns: [
        { key: "name", label: "Name", kind: "text" },
        { key: "n", label: "Count, total", kind: "count" },
      ],
      rows: [
        { name: 'Acme "North", Inc.', n: 3 },
        { name: "=HYPERLINK(\"x\")", n: -2 },
        { name: null, n: null },
      ],
    });
    expect(csv).toBe('Name,"Count, total"\r\n"Acme ""North"", Inc.",3\r\n"\'=HYPERLINK(""x"")",-2\r\n,\r\n');
  });
});
