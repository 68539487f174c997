import "server-only";
import { z } from "zod";

const reportRow = z.record(z.string(), z.union([z.string(), z.number(), z.null()]));

/** A report as the desk shows it: typed columns, and rows keyed by column. */
export const reportTableResource = z
  .object({
    columns: z.array(
      z.object({
        key: z.string(),
        label: z.string(),
        kind: z.enum(["text", "date", "count", "minutes", "percent"]).meta({ description: "How to read a value: minutes are durations, percents are 0-100." }),
      }),
    ),
    rows: z.array(reportRow).meta({ description: "One object per row, keyed by the columns' keys." }),
    previous: z
      .object({
        from: z.string().meta({ description: "First local date of the previous period." }),
        to: z.string().meta({ description: "Last local date of the previous period." }),
        days: z.int(),
        row: reportRow,
        change: z.record(z.string(), z.number().nullable()).meta({
          description: "Per numeric column, the change from the previous period: percent of the previous value for counts and durations, percentage points for percents; null when there is nothing to compare.",
        }),
      })
      .optional()
      .meta({ description: "Summary only: the same figures for the period of equal length just before the range." }),
  })
  .meta({ id: "ReportTable" });
