/**
 * The summary's comparison with the previous period, and units in report
 * CSV headers. The fixture is one organization's tickets over two New York
 * weeks, with one ticket on the Sunday night that is already Monday in UTC
 * (so the raw edges of the spans must be labelled by local time), and one
 * ticket before both weeks that neither counts. Figures are worked out by
 * hand in the comments; rollups and raw tables must agree.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { tickets } from "@/db/schema";
import { changesBetween, toCsv } from "@/server/reports/report-table";
import { summaryReport } from "@/server/reports/table-reports";
import { callApi, tokenFor } from "../support/api-client";
import { callerFor, createOrganization, createUser } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());

const MINUTE = 60_000;
const at = (ms: number) => new Date(ms);

describe("report comparison and CSV units", async () => {
  const { db } = await useTestDatabase();
  let input: { from: string; to: string; timeZone: string; bucket: "day"; filters: { organizationId: string } };
  let manager: Awaited<ReturnType<typeof createUser>>;

  beforeAll(async () => {
    const organization = await createOrganization(db);
    const requester = await createUser(db, { organizationId: organization.id });
    manager = await createUser(db, { role: "manager" });
    input = { from: "2025-03-10", to: "2025-03-16", timeZone: "America/New_York", bucket: "day", filters: { organizationId: organization.id } };
    const ticket = (createdAt: number, firstResponseAfter: number | null, solvedAfter: number | null, i: number) => ({
      subject: `Comparison fixture ${i}`,
      status: solvedAfter ? ("solved" as const) : ("open" as const),
      requesterId: requester.id,
      organizationId: organization.id,
      createdAt: at(createdAt),
      updatedAt: at(createdAt),
      firstResponseAt: firstResponseAfter === null ? null : at(createdAt + firstResponseAfter * MINUTE),
      solvedAt: solvedAfter === null ? null : at(createdAt + solvedAfter * MINUTE),
    });
    const previousWeek = Date.parse("2025-03-03T14:00:00Z"); // Monday 09:00 EST
    const sundayNight = Date.parse("2025-03-10T03:30:00Z"); // Sunday 23:30 EDT, Monday in UTC
    const thisWeek = Date.parse("2025-03-11T14:00:00Z"); // Tuesday 10:00 EDT
    await db.insert(tickets).values([
      // Before both weeks: counts in neither.
      ticket(Date.parse("2025-02-26T14:00:00Z"), 5, 5, 0),
      // Previous week: 5 created; responses 10, 20, 30, 40 (median 25); solved after 60 and 120 (median 90).
      ticket(previousWeek, 10, 60, 1),
      ticket(previousWeek, 20, 120, 2),
      ticket(previousWeek, 30, null, 3),
      ticket(previousWeek, 40, null, 4),
      ticket(sundayNight, null, null, 5),
      // This week: 6 created; responses 20 … 120 (median 70); solved after 60, 120, 180 (median 120).
      ticket(thisWeek, 20, 60, 6),
      ticket(thisWeek, 40, 120, 7),
      ticket(thisWeek, 60, 180, 8),
      ticket(thisWeek, 80, null, 9),
      ticket(thisWeek, 100, null, 10),
      ticket(thisWeek, 120, null, 11),
    ]);
  });

  const api = () => callerFor(db, manager).reports;

  it("gives the summary's previous period of equal length and the change against it", async () => {
    const summary = await api().summary(input);
    expect(summary.rows[0]).toMatchObject({ created: 6, solved: 3, firstResponseMedian: 70, resolutionMedian: 120 });
    expect(summary.previous).toMatchObject({
      from: "2025-03-03",
      to: "2025-03-09",
      days: 7,
      row: { created: 5, solved: 2, firstResponseMedian: 25, resolutionMedian: 90, slaMet: null },
      change: {
        created: 20, // 5 → 6
        solved: 50, // 2 → 3
        firstResponseMedian: 180, // 25 → 70 minutes
        resolutionMedian: 33, // 90 → 120 minutes
        slaMet: null, // no SLA targets in either period
        ratings: null, // 0 → 0: no base to compare with
      },
    });
  });

  it("gives the comparison through the REST API too, and documents it in openapi.json", async () => {
    const token = await tokenFor(db, manager);
    const path = `/reports/summary?from=${input.from}&to=${input.to}&time_zone=${encodeURIComponent(input.timeZone)}&bucket=day&organization_id=${input.filters.organizationId}`;
    const answer = await callApi(db, "GET", path, { token });
    expect(answer.status).toBe(200);
    expect(answer.json.previous).toMatchObject({ from: "2025-03-03", to: "2025-03-09", days: 7, change: { created: 20 } });
    const document = (await callApi(db, "GET", "/openapi.json")).json as { components: { schemas: Record<string, { properties: Record<string, unknown> }> } };
    expect(Object.keys(document.components.schemas.ReportTable?.properties ?? {})).toContain("previous");
  });

  it("labels the periods by local time: in UTC the Sunday-night ticket is this week's", async () => {
    const summary = await api().summary({ ...input, timeZone: "UTC" });
    expect(summary.rows[0]).toMatchObject({ created: 7 });
    expect(summary.previous?.row).toMatchObject({ created: 4 });
    expect(summary.previous?.change.created).toBe(75);
  });

  it("compares the same from the rollups as from the raw tables", async () => {
    for (const timeZone of ["America/New_York", "UTC", "Asia/Kathmandu"]) {
      const zoned = { ...input, timeZone };
      expect(await summaryReport(db, zoned), timeZone).toEqual(await summaryReport(db, zoned, { useRollups: false }));
    }
  });

  it("compares a range of any length with the one just before it", async () => {
    const summary = await api().summary({ ...input, from: "2025-03-03", to: "2025-03-16" });
    // The previous two weeks hold only the ticket of 26 February.
    expect(summary.previous).toMatchObject({ from: "2025-02-17", to: "2025-03-02", days: 14, row: { created: 1 } });
    expect(summary.previous?.change.created).toBe(1000);
  });

  it("changes percentages in points, counts and durations in percent of the previous value", () => {
    const columns = [
      { key: "slaMet", label: "SLA met", kind: "percent" },
      { key: "created", label: "Created", kind: "count" },
      { key: "name", label: "Name", kind: "text" },
    ] as const;
    expect(changesBetween([...columns], { slaMet: 75, created: 3, name: "a" }, { slaMet: 62.5, created: 4, name: "b" })).toEqual({ slaMet: 12.5, created: -25 });
  });

  it("names the unit of every duration and percentage column in the CSV header", async () => {
    const header = (csv: string) => csv.split("\r\n")[0];
    expect(header(toCsv(await api().responseTimes(input)))).toBe(
      'Period,First responses,"First response, median (minutes)","First response, 90th percentile (minutes)",Solved,"Resolution, median (minutes)","Resolution, 90th percentile (minutes)"',
    );
    expect(header(toCsv(await api().summary(input)))).toBe(
      'Created,Solved,"First response, median (minutes)","First response, 90th percentile (minutes)","Resolution, median (minutes)","Resolution, 90th percentile (minutes)",SLA met (%),Ratings,Satisfaction (%),Reopen rate (%)',
    );
    for (const name of ["volume", "backlog", "sla", "satisfaction", "reopens", "agents"] as const) {
      const table = await api()[name](input);
      const headers = header(toCsv(table));
      for (const column of table.columns.filter((c) => c.kind === "minutes")) expect(headers, name).toContain(`${column.label} (minutes)`);
    }
    const breakdown = await api().breakdown({ ...input, dimension: "priority" });
    expect(header(toCsv(breakdown))).toContain('"Resolution, median (minutes)"');
  });
});
