import "server-only";
import { z } from "zod";

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
    rows: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.null()]))).meta({ description: "One object per row, keyed by the columns' keys." }),
  })
  .meta({ id: "ReportTable" });
