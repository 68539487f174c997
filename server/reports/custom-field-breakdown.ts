import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { DbOrTx } from "@/db/types";
import { listFieldDefinitions } from "@/server/custom-fields/field-definitions";
import { AppError } from "@/server/errors";
import type { CustomFieldDimension, ReportInput } from "./report-input";
import { rawFilter } from "./report-plan";
import type { ReportTable } from "./report-table";

/**
 * The breakdown by a drop-down ticket field (dimension "field:<key>"):
 * tickets created in the range, one row per stored option, labelled from the
 * field's options (retired ones too), "(none)" for tickets without a value.
 *
 * Rollups keep only the fixed dimensions, so this reads tickets directly.
 * That is acceptable because it is one grouped count over a created_at
 * range, which tickets_created_report_idx (created_at first) narrows to the
 * range's tickets before any custom_values is read, and a report range is
 * at most three years; the other figures (solves, SLA, ratings) would each
 * need such a read of another table, so this breakdown counts created only.
 */
export async function customFieldBreakdown(db: DbOrTx, input: ReportInput & { dimension: CustomFieldDimension }): Promise<ReportTable> {
  const key = input.dimension.slice("field:".length);
  // Inactive fields count too: their values stay stored. Reports are for staff, who see every field.
  const field = (await listFieldDefinitions(db, "ticket")).find((candidate) => candidate.key === key && candidate.type === "dropdown");
  if (!field) throw new AppError("INVALID", `There is no drop-down ticket field “${key}”.`, { fieldErrors: { dimension: [`There is no drop-down ticket field “${key}”.`] } });

  // The range's local dates become instants in the viewer's zone in PostgreSQL, as the other breakdowns' spans do.
  const starts = sql`(${input.from}::date)::timestamp at time zone ${input.timeZone}`;
  const ends = sql`(${input.to}::date + 1)::timestamp at time zone ${input.timeZone}`;
  const rows = rowsOf<{ value: string | null; created: number }>(
    await db.execute(sql`
      select t.custom_values ->> ${String(field.id)} as value, count(*)::int as created
      from tickets t
      where t.created_at >= ${starts} and t.created_at < ${ends} and ${rawFilter(input.filters)}
      group by 1`),
  );
  const labelOf = (value: string | null) => (value ? (field.options.find((option) => option.value === value)?.label ?? value) : "(none)");
  return {
    columns: [
      { key: "name", label: field.label, kind: "text" },
      { key: "created", label: "Created", kind: "count" },
    ],
    rows: rows
      .map((row) => ({ name: labelOf(row.value), created: row.created }))
      .sort((a, b) => b.created - a.created || a.name.localeCompare(b.name)),
  };
}
