import "server-only";
import { z } from "zod";
import type { Db } from "@/db/types";
import { breakdownDimensionInput, breakdownInput, reportFiltersInput, reportInput, type ReportInput } from "@/server/reports/report-input";
import { toCsv, type ReportTable } from "@/server/reports/report-table";
import { backlogReport, reopensReport, responseTimesReport, satisfactionReport, slaReport, volumeReport } from "@/server/reports/series-reports";
import { agentsReport, breakdownReport, summaryReport } from "@/server/reports/table-reports";
import { articleHelpfulnessReport, articleViewsReport, deflectionReport, searchesWithoutResultReport } from "@/server/reports/help-center-reports";
import { AppError } from "@/server/errors";
import { reportTableResource } from "../resources/report";
import { apiRoute } from "../route-definition";

/**
 * The desk's manager reports (server/routers/reports.ts), by URL-friendly
 * name, as JSON or, with Accept: text/csv, as the same CSV the desk exports.
 * Input is the reports' own schema (report-input.ts), read from the query.
 */
const reportNames = [
  "summary",
  "volume",
  "backlog",
  "response-times",
  "sla",
  "satisfaction",
  "reopens",
  "agents",
  "breakdown",
  "article-views",
  "searches-without-result",
  "article-helpfulness",
  "deflection",
] as const;
type ReportName = (typeof reportNames)[number];

const reportsTakingRange: Record<Exclude<ReportName, "breakdown">, (db: Db, input: ReportInput) => Promise<ReportTable>> = {
  summary: summaryReport,
  volume: volumeReport,
  backlog: backlogReport,
  "response-times": responseTimesReport,
  sla: slaReport,
  satisfaction: satisfactionReport,
  reopens: reopensReport,
  agents: agentsReport,
  // The help center's (server/reports/help-center-reports.ts): the range only, ticket filters do not apply.
  "article-views": articleViewsReport,
  "searches-without-result": searchesWithoutResultReport,
  "article-helpfulness": articleHelpfulnessReport,
  deflection: deflectionReport,
};

const params = z.object({
  // The desk's own (camelCase) name is accepted too.
  name: z.enum([...reportNames, "responseTimes"]).meta({
    description:
      "Which report; responseTimes (the desk's name) means response-times. article-views, searches-without-result, article-helpfulness and deflection are the help center's: they take the range and ignore ticket filters.",
  }),
});

const { from, to, timeZone, bucket } = reportInput.shape;
const filters = reportFiltersInput.unwrap().shape;
const query = z.object({
  from: from.meta({ description: "The first local date of the range (YYYY-MM-DD), included." }),
  to: to.meta({ description: "The last local date of the range (YYYY-MM-DD), included; at most three years after from." }),
  time_zone: timeZone.default("UTC").meta({ description: "The IANA time zone the dates and buckets are read in, such as Europe/Paris." }),
  bucket: bucket.meta({ description: "The size of a series' points." }),
  team_id: filters.teamId,
  category_id: filters.categoryId,
  organization_id: filters.organizationId,
  assignee_id: filters.assigneeId,
  priority: filters.priority,
  channel: filters.channel,
  dimension: breakdownDimensionInput.optional().meta({
    description: "breakdown only, and required there: what its rows are. field:<key> names a drop-down ticket field (active or not; see GET /custom-fields): its rows are the options, counting tickets created in the range, with (none) for tickets without a value.",
  }),
});

/** CSV when the client asks for text/csv before (or instead of) JSON. */
function wantsCsv(request: Request): boolean {
  const accept = (request.headers.get("accept") ?? "").toLowerCase();
  const csv = accept.indexOf("text/csv");
  const json = accept.indexOf("application/json");
  return csv !== -1 && (json === -1 || csv < json);
}

export const reportRoutes = [
  apiRoute({
    method: "GET",
    path: "/reports/{name}",
    operationId: "getReport",
    summary: "Read a report",
    description:
      "The same reports as the desk's: summary, volume, backlog, response-times, sla, satisfaction, reopens, agents and breakdown (by a dimension), over a range of local dates, with ticket filters; and the help center's: article-views (top 20 articles by views), searches-without-result (top 20), article-helpfulness (helpful and not-helpful answers per article) and deflection (new-ticket visits that ended without a ticket, and those that opened a suggested article), over the range only. JSON by default; send Accept: text/csv for the desk's CSV export.",
    tag: "Reports",
    scope: "reports:read",
    role: "manager",
    params,
    query,
    responses: {
      200: {
        description: "The report as a table of typed columns and rows, or as CSV (a download) with Accept: text/csv.",
        schema: reportTableResource,
        alternatives: { "text/csv": { schema: z.string().meta({ description: "RFC 4180 CSV: a header row of column labels, then the rows." }) } },
      },
    },
    handler: async ({ db, params, query, request }) => {
      const name: ReportName = params.name === "responseTimes" ? "response-times" : params.name;
      const input = {
        from: query.from,
        to: query.to,
        timeZone: query.time_zone,
        bucket: query.bucket,
        filters: {
          teamId: query.team_id,
          categoryId: query.category_id,
          organizationId: query.organization_id,
          assigneeId: query.assignee_id,
          priority: query.priority,
          channel: query.channel,
        },
      };
      // The reports' own schemas check what spans fields (the range, the number of points).
      let table: ReportTable;
      if (name === "breakdown") {
        table = await breakdownReport(db, breakdownInput.parse({ ...input, dimension: query.dimension }));
      } else {
        if (query.dimension) throw new AppError("INVALID", "Only the breakdown report takes a dimension.", { fieldErrors: { dimension: ["Only the breakdown report takes a dimension."] } });
        table = await reportsTakingRange[name](db, reportInput.parse(input));
      }
      const body: z.infer<typeof reportTableResource> = table;
      if (!wantsCsv(request)) return { status: 200, body, headers: { vary: "accept" } };
      const fileName = `${name}-${query.from}-to-${query.to}.csv`.replace(/[^\w.-]/g, "");
      return new Response(toCsv(table), {
        headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store", vary: "accept" },
      });
    },
  }),
];
