/**
 * The report rollups (quarter hours, days, months) against the raw tables. A month of tickets with
 * pseudo-random times (across a daylight-saving change) is written, then
 * moved between agents, teams and priorities, reopened, re-rated, retimed
 * and deleted, directly and through the app. After that:
 * - what report_rollups holds (deltas summed) equals what the raw tables
 *   say it should hold, before and after folding;
 * - every report gives the same table from the rollups as from the raw
 *   tables alone, in zones with whole, half and quarter hour offsets and
 *   for day, week and month buckets, and reads no raw table doing so;
 * - percentiles from histograms are exact for whole minutes under 128 and
 *   at most 1.6% low above.
 * On the shared PostgreSQL, only this file's team, category, organization
 * and agents are compared (other files write tickets meanwhile).
 */
import { sql, type SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { beforeAll, describe, expect, it } from "vitest";
import { satisfactionRatings, teams, ticketEvents, tickets, ticketSlas } from "@/db/schema";
import { rowsOf, single } from "@/db/rows";
import { foldReportRollups } from "@/server/jobs/fold-report-rollups";
import { percentileOf } from "@/server/reports/report-counts";
import type { ReportInput } from "@/server/reports/report-input";
import { cutSpan } from "@/server/reports/report-plan";
import { backlogReport, reopensReport, responseTimesReport, satisfactionReport, slaReport, volumeReport } from "@/server/reports/series-reports";
import { agentsReport, breakdownReport, summaryReport } from "@/server/reports/table-reports";
import { callerFor, createCategory, createOrganization, createUser, unique } from "../support/factories";
import { onPostgres, useTestDatabase } from "../support/test-db";

const MINUTE = 60_000;
const DAY = 86_400_000;
const start = Date.parse("2025-02-25T00:00:00Z");

/** A small deterministic generator, so a failure can be replayed. */
function randomFrom(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state % below;
  };
}

describe("report rollups", async () => {
  const { db } = await useTestDatabase();
  let keys: { dimension: string; key: string }[];
  let organizationId: string;
  let teamId: string;
  let agentIds: string[];

  beforeAll(async () => {
    const random = randomFrom(7);
    const organization = await createOrganization(db);
    organizationId = organization.id;
    const requester = await createUser(db, { organizationId });
    const { category, team } = await createCategory(db);
    teamId = team.id;
    const otherTeam = single(
      await db
        .insert(teams)
        .values({ name: unique("Team") })
        .returning(),
      "team",
    );
    const agents = [await createUser(db, { role: "agent" }), await createUser(db, { role: "agent" })];
    agentIds = agents.map((a) => a.id);
    keys = [
      { dimension: "organization", key: organizationId },
      { dimension: "team", key: team.id },
      { dimension: "team", key: otherTeam.id },
      { dimension: "category", key: category.id },
      ...agentIds.map((key) => ({ dimension: "assignee", key })),
    ];

    const ids: string[] = [];
    for (let i = 0; i < 60; i++) {
      const createdAt = start + random(30 * DAY);
      // Some answered within two hours (exact bins), some days later (wide bins), some never.
      const responseMinutes = i % 7 === 6 ? null : i % 2 ? random(127) : 128 + random(8000);
      const solvedMinutes = i % 3 === 0 ? null : 30 + random(20_000);
      const ticket = single(
        await db
          .insert(tickets)
          .values({
            subject: `Rollup fixture ${i}`,
            status: solvedMinutes === null ? "open" : "solved",
            priority: i % 4 === 0 ? "urgent" : "normal",
            channel: i % 5 === 0 ? "email" : "web",
            requesterId: requester.id,
            organizationId,
            teamId: team.id,
            categoryId: category.id,
            assigneeId: agentIds[i % 2],
            createdAt: new Date(createdAt),
            updatedAt: new Date(createdAt),
            firstResponseAt: responseMinutes === null ? null : new Date(createdAt + responseMinutes * MINUTE + random(60_000)),
            solvedAt: solvedMinutes === null ? null : new Date(createdAt + solvedMinutes * MINUTE),
          })
          .returning(),
        "ticket",
      );
      ids.push(ticket.id);
      await db.insert(ticketSlas).values({
        ticketId: ticket.id,
        metric: "first_response",
        targetMinutes: 60,
        completedAt: responseMinutes === null ? null : new Date(createdAt + (responseMinutes + 1) * MINUTE),
        met: responseMinutes === null ? null : responseMinutes <= 60,
      });
      if (solvedMinutes !== null) {
        const solvedAt = createdAt + solvedMinutes * MINUTE;
        await db.insert(ticketSlas).values({
          ticketId: ticket.id,
          metric: "resolution",
          targetMinutes: 600,
          completedAt: new Date(solvedAt),
          met: solvedMinutes <= 600,
        });
        await db.insert(ticketEvents).values({
          ticketId: ticket.id,
          field: "status",
          fromValue: "open",
          toValue: "solved",
          createdAt: new Date(solvedAt),
        });
        if (i % 2 === 0)
          await db.insert(satisfactionRatings).values({
            ticketId: ticket.id,
            score: i % 8 === 0 ? "bad" : "good",
            ratedAt: new Date(solvedAt + random(3 * DAY)),
          });
      }
      // Other events never count.
      await db.insert(ticketEvents).values({
        ticketId: ticket.id,
        field: "priority",
        toValue: "normal",
        createdAt: new Date(createdAt),
      });
    }

    // Then life happens: every kind of change the triggers must follow.
    const ticket = (i: number) => sql`${tickets.id} = ${ids[i]!}`;
    for (let i = 0; i < 60; i += 5)
      await db
        .update(tickets)
        .set({ assigneeId: agentIds[(i + 1) % 2] })
        .where(ticket(i));
    for (let i = 1; i < 60; i += 6) await db.update(tickets).set({ teamId: otherTeam.id, priority: "high" }).where(ticket(i));
    for (let i = 2; i < 60; i += 9)
      await db
        .update(tickets)
        .set({ firstResponseAt: new Date(start + 31 * DAY + i * MINUTE) })
        .where(ticket(i));
    for (const i of [4, 10, 16]) {
      // Reopened: the solve goes, a reopen event comes, the rating changes its mind.
      await db.update(tickets).set({ status: "open", solvedAt: null }).where(ticket(i));
      await db.insert(ticketEvents).values({
        ticketId: ids[i]!,
        field: "status",
        fromValue: "solved",
        toValue: "open",
        createdAt: new Date(start + 32 * DAY),
      });
      await db
        .update(satisfactionRatings)
        .set({ score: "bad", ratedAt: new Date(start + 32 * DAY + 5 * MINUTE) })
        .where(sql`${satisfactionRatings.ticketId} = ${ids[i]!}`);
    }
    await db
      .update(ticketSlas)
      .set({ met: false })
      .where(sql`${ticketSlas.ticketId} = ${ids[5]!}`);
    await db.delete(satisfactionRatings).where(sql`${satisfactionRatings.ticketId} = ${ids[8]!}`);
    await db.delete(tickets).where(sql`${tickets.id} in (${ids[20]!}, ${ids[21]!})`);

    // And through the app: a new ticket answered and solved today.
    const agent = { ...agents[0]!, role: "agent" as const };
    const created = await callerFor(db, requester).tickets.create({
      subject: "Rollup app ticket",
      body: "The export button does nothing.",
      categoryId: category.id,
    });
    await callerFor(db, agent).tickets.reply({
      number: created.number,
      body: "Done: try again now.",
      kind: "public",
      status: "solved",
    });
  });

  /** Rows of one of the two fact functions, for this file's keys (all keys on a private database). */
  async function facts(fn: "report_facts_computed" | "report_facts_stored") {
    const mine = onPostgres
      ? sql`where (dimension, key) in (${sql.join(
          keys.map((k) => sql`(${k.dimension}, ${k.key})`),
          sql`, `,
        )})`
      : sql``;
    return rowsOf<Record<string, unknown>>(
      await db.execute(sql`select period, day::text, minute, dimension, key, measure, bin, n from ${sql.raw(fn)}() ${mine} order by 1, 2, 3, 4, 5, 6, 7`),
    );
  }

  it("hold what the raw tables say, deltas summed", async () => {
    const stored = await facts("report_facts_stored");
    expect(stored.length).toBeGreaterThan(300);
    expect(stored).toEqual(await facts("report_facts_computed"));
  });

  // Whole, half and quarter hour offsets (Eucla +8:45, Chatham +12:45/+13:45 with DST); every bucket size.
  const zones = ["UTC", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Eucla", "Pacific/Chatham"] as const;
  const views = [
    ["UTC", "day"],
    ["UTC", "month"],
    ["America/New_York", "day"],
    ["America/New_York", "week"],
    ["America/New_York", "month"],
    ["Asia/Kolkata", "day"],
    ["Asia/Kolkata", "month"],
    ["Asia/Kathmandu", "week"],
    ["Australia/Eucla", "day"],
    ["Pacific/Chatham", "week"],
  ] as const;

  /** Every report, from the rollups and from the raw tables, for each zone and bucket. */
  async function compareReports(filters: ReportInput["filters"]) {
    for (const [timeZone, bucket] of views) {
      const input: ReportInput = { from: "2025-02-20", to: "2025-04-05", timeZone, bucket, filters };
      for (const report of [volumeReport, backlogReport, responseTimesReport, slaReport, satisfactionReport, reopensReport, summaryReport, agentsReport]) {
        const context = `${report.name} ${timeZone} ${bucket} ${JSON.stringify(filters)}`;
        expect(await report(db, input), context).toEqual(await report(db, input, { useRollups: false }));
      }
      // Breakdowns read every key of a dimension, so only on a private database.
      if (bucket === "day" && !onPostgres) {
        for (const dimension of ["team", "category", "organization", "priority", "channel"] as const) {
          expect(await breakdownReport(db, { ...input, dimension }), dimension).toEqual(await breakdownReport(db, { ...input, dimension }, { useRollups: false }));
        }
      }
    }
  }


  /** The database, counting the statements that read a raw ticket table. */
  function countingRawReads() {
    const dialect = new PgDialect();
    const counter = { raw: [] as string[] };
    const rawTables = /\b(from|join)\s+(tickets|ticket_slas|satisfaction_ratings|ticket_events)\b/i;
    const counting = new Proxy(db, {
      get(target, name, receiver) {
        if (name !== "execute") return Reflect.get(target, name, receiver);
        return (query: SQL) => {
          const text = dialect.sqlToQuery(query).sql;
          if (rawTables.test(text)) counter.raw.push(text);
          return target.execute(query);
        };
      },
    });
    return { counting, counter };
  }

  it("answer every report from the rollups alone, in every zone and bucket", { timeout: 120_000 }, async () => {
    const { counting, counter } = countingRawReads();
    const reports = [volumeReport, backlogReport, responseTimesReport, slaReport, satisfactionReport, reopensReport, summaryReport];
    for (const timeZone of zones) {
      for (const bucket of ["day", "week", "month"] as const) {
        for (const filters of [{}, { organizationId }, { assigneeId: agentIds[0] }]) {
          const input: ReportInput = { from: "2025-02-20", to: "2025-04-05", timeZone, bucket, filters };
          for (const report of reports) await report(counting, input);
          // Filtered, the agents table and a breakdown need two dimensions at once: the raw tables answer them by design.
          if (Object.keys(filters).length === 0) {
            await agentsReport(counting, input);
            await breakdownReport(counting, { ...input, dimension: "team" });
          }
          expect(counter.raw, `${timeZone} ${bucket} ${JSON.stringify(filters)}`).toEqual([]);
        }
      }
    }
    // The raw path is still there, and counted: two filters read the raw tables.
    await volumeReport(counting, { from: "2025-02-20", to: "2025-04-05", timeZone: "Asia/Kathmandu", bucket: "day", filters: { organizationId, priority: "urgent" } });
    expect(counter.raw.length).toBeGreaterThan(0);
  });

  it("cut spans into whole months, days and quarter hours, merged per period", () => {
    const at = (iso: string) => Date.parse(iso);
    // A Kathmandu (+5:45) month: from 18:15 UTC the day before the 1st to 18:15 on the last day.
    const month = cutSpan({ label: "2025-03-01", starts: at("2025-02-28T18:15:00Z"), ends: at("2025-03-31T18:15:00Z") });
    expect(month.raw).toEqual([]);
    expect(month.pieces.map((p) => [p.period, p.fromDay, p.toDay, p.fromMinute, p.toMinute])).toEqual([
      ["quarter", "2025-02-28", "2025-03-01", 1095, 1440],
      ["day", "2025-03-01", "2025-03-31", 0, 1440],
      ["quarter", "2025-03-31", "2025-04-01", 0, 1095],
    ]);
    // A whole UTC month inside a span is one month row per key.
    const quarter = cutSpan({ label: "2025-01-01", starts: at("2024-12-31T18:15:00Z"), ends: at("2025-03-31T18:15:00Z") });
    expect(quarter.pieces.map((p) => p.period)).toEqual(["quarter", "month", "day", "quarter"]);
    expect(month.deltas).toEqual({ label: "2025-03-01", fromDay: "2025-02-28", fromMinute: 1095, toDay: "2025-03-31", toMinute: 1095 });
    // All time before a New York date: whole months, then days and quarter hours up to 05:00 UTC.
    const before = cutSpan({ label: "before", starts: -Infinity, ends: at("2025-03-10T04:00:00Z") });
    expect(before.pieces.map((p) => [p.period, p.fromDay, p.toDay])).toEqual([
      ["month", "-infinity", "2025-03-01"],
      ["day", "2025-03-01", "2025-03-10"],
      ["quarter", "2025-03-10", "2025-03-11"],
    ]);
    // A zone whose midnight is not on a quarter hour (local mean time) reads its odd minutes raw.
    const odd = cutSpan({ label: "x", starts: at("2025-03-01T00:07:00Z"), ends: at("2025-03-02T00:07:00Z") });
    expect(odd.raw).toEqual([
      { starts: "2025-03-01T00:07:00.000Z", ends: "2025-03-01T00:15:00.000Z" },
      { starts: "2025-03-02T00:00:00.000Z", ends: "2025-03-02T00:07:00.000Z" },
    ]);
  });

  it("give every report the same figures as the raw tables, filtered by organization", { timeout: 120_000 }, async () => {
    const summary = await summaryReport(db, {
      from: "2025-02-20",
      to: "2025-04-05",
      timeZone: "UTC",
      bucket: "day",
      filters: { organizationId },
    });
    expect(summary.rows[0]!.created).toBe(58);
    await compareReports({ organizationId });
  });

  it("… by team and by agent", { timeout: 120_000 }, async () => {
    await compareReports({ teamId });
    await compareReports({ assigneeId: agentIds[0] });
  });

  it("… with two filters (raw tables both ways) and without filters", { timeout: 120_000 }, async () => {
    await compareReports({ organizationId, priority: "urgent" });
    if (!onPostgres) await compareReports({});
  });

  it("stay the same when folded", async () => {
    const input: ReportInput = {
      from: "2025-02-20",
      to: "2025-04-05",
      timeZone: "America/New_York",
      bucket: "week",
      filters: { organizationId },
    };
    const before = await responseTimesReport(db, input);
    const unfolded = rowsOf<{ n: unknown }>(await db.execute(sql`select count(*) as n from report_rollups where not folded`));
    expect(Number(unfolded[0]!.n)).toBeGreaterThan(0);
    // A few deltas at a time leaves parts of a quarter hour folded and parts not: still exact.
    for (let i = 0; i < 3; i++) await db.execute(sql`select report_rollups_fold(37)`);
    expect(await facts("report_facts_stored")).toEqual(await facts("report_facts_computed"));
    expect(await responseTimesReport(db, input)).toEqual(before);
    await foldReportRollups(db);
    expect(await facts("report_facts_stored")).toEqual(await facts("report_facts_computed"));
    expect(await responseTimesReport(db, input)).toEqual(before);
    if (!onPostgres) {
      const left = rowsOf<{ n: unknown }>(await db.execute(sql`select count(*) as n from report_rollups where not folded`));
      expect(Number(left[0]!.n)).toBe(0);
    }
  });

  it("bin durations in whole minutes under 128 and at most 1.6% wide above", async () => {
    const bins = rowsOf<{ minutes: number; bin: number }>(
      await db.execute(sql`select m as minutes, report_minute_bin(m * 60 + 59.9) as bin from generate_series(0, 600000, 97) m`),
    );
    for (const { minutes, bin } of bins) {
      if (minutes < 128) expect(bin).toBe(minutes);
      else {
        expect(bin).toBeLessThanOrEqual(minutes);
        expect((minutes - bin) / minutes).toBeLessThan(0.016);
      }
    }
    expect(rowsOf(await db.execute(sql`select report_minute_bin(-5) as b, report_minute_bin(129 * 60) as c, report_minute_bin(259 * 60) as d`))[0]).toEqual({
      b: 0,
      c: 128,
      d: 256,
    });
  });

  it("compute percentiles as percentile_cont does over the bins", () => {
    const whole = new Map([
      [10, 1],
      [20, 1],
      [30, 1],
      [40, 1],
      [50, 1],
      [60, 1],
      [70, 1],
      [80, 1],
      [90, 1],
      [100, 1],
    ]);
    expect(percentileOf(whole, 0.5)).toBe(55);
    expect(percentileOf(whole, 0.9)).toBeCloseTo(91, 10);
    expect(percentileOf(new Map([[7, 3]]), 0.9)).toBe(7);
    expect(percentileOf(new Map(), 0.5)).toBeNull();
    expect(percentileOf(new Map([[5, 0]]), 0.5)).toBeNull();
  });
});
