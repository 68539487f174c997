import { getServerApi } from "@/server/caller";
import { errorResponse } from "@/server/error-response";
import { AppError } from "@/server/errors";
import { appRouter } from "@/server/routers/_app";
import { toCsv, type ReportTable } from "@/server/reports/report-table";

type ReportProcedure = (input: unknown) => Promise<ReportTable>;

/**
 * A report as CSV, every row: GET /api/reports/<name>?input=<the report's
 * input as JSON>. It calls the same tRPC procedure as the page, so the
 * manager-only check and the input validation are the same.
 */
export async function GET(request: Request, context: RouteContext<"/api/reports/[name]">) {
  const { name } = await context.params;
  try {
    const api = await getServerApi();
    // The caller is a proxy that answers any name: ask the router which reports exist.
    const procedure = Object.hasOwn(appRouter._def.procedures, `reports.${name}`) ? (api.reports as unknown as Record<string, ReportProcedure>)[name] : undefined;
    if (!procedure) throw new AppError("NOT_FOUND", `There is no report called "${name}".`);
    const input = reportInput(request);
    const table = await procedure(input);
    const range = input as { from?: string; to?: string };
    const fileName = `${name}-${range.from ?? ""}-to-${range.to ?? ""}.csv`.replace(/[^\w.-]/g, "");
    return new Response(toCsv(table), {
      headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"`, "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error, `Report ${name}`);
  }
}

function reportInput(request: Request): unknown {
  try {
    return JSON.parse(new URL(request.url).searchParams.get("input") ?? "");
  } catch {
    throw new AppError("INVALID", "The report's input must be JSON in the input parameter.");
  }
}
