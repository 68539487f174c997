import type { FieldRow } from "@/server/api/openapi-reference";

/** A schema's fields as a table: name (indented when nested), type, whether required, and what it means. */
export function FieldTable({ caption, rows, location }: { caption: string; rows: (FieldRow & { location?: string })[]; location?: boolean }) {
  if (rows.length === 0) return null;
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] border-collapse text-left text-sm">
        <caption className="mb-1 text-left text-xs font-semibold tracking-wide text-muted uppercase">{caption}</caption>
        <thead>
          <tr className="border-b border-border text-xs text-muted">
            <th scope="col" className="py-1 pr-3 font-medium">
              Name
            </th>
            {location ? (
              <th scope="col" className="py-1 pr-3 font-medium">
                In
              </th>
            ) : null}
            <th scope="col" className="py-1 pr-3 font-medium">
              Type
            </th>
            <th scope="col" className="py-1 font-medium">
              Description
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={`${row.name}-${index}`} className="border-b border-border/60 align-top">
              <td className="py-1.5 pr-3 font-mono text-xs break-all" style={{ paddingLeft: `${row.depth * 1.25}rem` }}>
                {row.name}
                {row.required ? (
                  <span className="ml-1 text-danger" title="required">
                    *<span className="sr-only"> (required)</span>
                  </span>
                ) : null}
              </td>
              {location ? <td className="py-1.5 pr-3 text-xs text-muted">{row.location}</td> : null}
              <td className="py-1.5 pr-3 font-mono text-xs break-words">{row.type}</td>
              <td className="py-1.5 text-xs text-muted">{row.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
