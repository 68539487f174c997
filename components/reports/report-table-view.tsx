import type { ReportTable } from "@/server/reports/report-table";
import { bucketLabel, formatValue } from "./report-format";

/** A report as an accessible table: every row, values formatted as on the charts. */
export function ReportTableView({ table, caption, size }: { table: ReportTable; caption: string; size: "day" | "week" | "month" }) {
  return (
    <div className="max-h-96 overflow-auto rounded-md border border-border">
      <table className="w-full text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="sticky top-0 bg-surface-muted text-left text-xs text-muted uppercase">
          <tr>
            {table.columns.map((column) => (
              <th key={column.key} scope="col" className={`px-3 py-2 font-medium ${column.kind === "text" || column.kind === "date" ? "" : "text-right"}`}>
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {table.rows.map((row, index) => (
            <tr key={index}>
              {table.columns.map((column) => {
                const value = row[column.key] ?? null;
                const text = column.kind === "date" && typeof value === "string" ? bucketLabel(value, size) : formatValue(column.kind, value);
                return (
                  <td key={column.key} className={`px-3 py-1.5 ${column.kind === "text" || column.kind === "date" ? "" : "text-right tabular-nums"}`}>
                    {column.kind === "date" && typeof value === "string" ? <time dateTime={value}>{text}</time> : text}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
