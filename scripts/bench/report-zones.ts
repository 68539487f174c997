/**
 * npm run bench:report-zones [-- --runs 5 --zones America/New_York,UTC]
 * Times every report function called directly against DATABASE_URL (no
 * HTTP, no session), for the last 30 days by day and the last 12 months by
 * month, in each zone: the median of --runs calls after one warm-up. It
 * also counts the statements that read the raw ticket tables, which in any
 * zone should be none (the rollups answer; see BENCHMARKS.md).
 */
import { parseArgs } from "node:util";
import type { SQL } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import type { DbOrTx } from "@/db/types";
import type { ReportInput } from "@/server/reports/report-input";
import { backlogReport, reopensReport, responseTimesReport, satisfactionReport, slaReport, volumeReport } from "@/server/reports/series-reports";
import { agentsReport, breakdownReport, summaryReport } from "@/server/reports/table-reports";
import { openScriptDatabase } from "../open-database";

const { values } = parseArgs({
  options: { runs: { type: "string", default: "5" }, zones: { type: "string", default: "America/New_York,UTC" }, only: { type: "string" } },
});
const runs = Number(values.runs);
const reports: Record<string, (db: DbOrTx, input: ReportInput) => Promise<unknown>> = {
  summary: summaryReport,
  volume: volumeReport,
  backlog: backlogReport,
  responseTimes: responseTimesReport,
  sla: slaReport,
  satisfaction: satisfactionReport,
  reopens: reopensReport,
  agents: agentsReport,
  breakdown: (db, input) => breakdownReport(db, { ...input, dimension: "team" }),
};
const rawTables = /\b(from|join)\s+(tickets|ticket_slas|satisfaction_ratings|ticket_events)\b/i;

const database = await openScriptDatabase();
try {
  const { db } = database;
  let rawStatements = 0;
  const dialect = new PgDialect();
  // Counts the statements that read raw ticket tables, by their text.
  const counting = new Proxy(db, {
    get(target, name, receiver) {
      if (name !== "execute") return Reflect.get(target, name, receiver);
      return (query: SQL) => {
        const text = dialect.sqlToQuery(query).sql;
        if (rawTables.test(text)) rawStatements++;
        return target.execute(query);
      };
    },
  });
  const today = new Date();
  const date = (daysAgo: number) => new Date(today.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
  const ranges = [
    { label: "30 days by day", days: 30, bucket: "day" as const },
    { label: "12 months by month", days: 365, bucket: "month" as const },
  ];
  const names = values.only ? values.only.split(",") : Object.keys(reports);
  for (const timeZone of values.zones.split(",")) {
    for (const range of ranges) {
      const input: ReportInput = { from: date(range.days - 1), to: date(0), timeZone, bucket: range.bucket, filters: {} };
      const cells: string[] = [];
      for (const name of names) {
        const report = reports[name]!;
        await report(counting, input);
        rawStatements = 0;
        const times: number[] = [];
        for (let i = 0; i < runs; i++) {
          const started = performance.now();
          await report(counting, input);
          times.push(performance.now() - started);
        }
        times.sort((a, b) => a - b);
        cells.push(`${name} ${times[Math.floor(times.length / 2)]!.toFixed(0)} ms${rawStatements ? ` (raw ${rawStatements / runs})` : ""}`);
      }
      console.log(`${timeZone}, ${range.label}: ${cells.join(", ")}`);
    }
  }
} finally {
  await database.close();
}
