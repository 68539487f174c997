import "server-only";
import { breakdownInput, reportInput } from "@/server/reports/report-input";
import { articleHelpfulnessReport, articleViewsReport, deflectionReport, searchesWithoutResultReport } from "@/server/reports/help-center-reports";
import { agentsReport, breakdownReport, summaryReport } from "@/server/reports/table-reports";
import { backlogReport, reopensReport, responseTimesReport, satisfactionReport, slaReport, volumeReport } from "@/server/reports/series-reports";
import { managerProcedure, router } from "@/server/trpc";

/** Manager reports: each takes a local date range, a bucket size and ticket filters, and returns a table. */
export const reportsRouter = router({
  summary: managerProcedure.input(reportInput).query(({ ctx, input }) => summaryReport(ctx.db, input)),
  volume: managerProcedure.input(reportInput).query(({ ctx, input }) => volumeReport(ctx.db, input)),
  backlog: managerProcedure.input(reportInput).query(({ ctx, input }) => backlogReport(ctx.db, input)),
  responseTimes: managerProcedure.input(reportInput).query(({ ctx, input }) => responseTimesReport(ctx.db, input)),
  sla: managerProcedure.input(reportInput).query(({ ctx, input }) => slaReport(ctx.db, input)),
  satisfaction: managerProcedure.input(reportInput).query(({ ctx, input }) => satisfactionReport(ctx.db, input)),
  reopens: managerProcedure.input(reportInput).query(({ ctx, input }) => reopensReport(ctx.db, input)),
  agents: managerProcedure.input(reportInput).query(({ ctx, input }) => agentsReport(ctx.db, input)),
  breakdown: managerProcedure.input(breakdownInput).query(({ ctx, input }) => breakdownReport(ctx.db, input)),
  // The help center's: the same range, no ticket filters.
  articleViews: managerProcedure.input(reportInput).query(({ ctx, input }) => articleViewsReport(ctx.db, input)),
  searchesWithoutResult: managerProcedure.input(reportInput).query(({ ctx, input }) => searchesWithoutResultReport(ctx.db, input)),
  articleHelpfulness: managerProcedure.input(reportInput).query(({ ctx, input }) => articleHelpfulnessReport(ctx.db, input)),
  deflection: managerProcedure.input(reportInput).query(({ ctx, input }) => deflectionReport(ctx.db, input)),
});
