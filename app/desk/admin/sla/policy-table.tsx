import { PolicyRow, type PolicyView } from "./policy-row";
import type { PolicyScopeOptions } from "./policy-form";

const header = "px-3 py-2 font-medium";

/** The policies in the order a ticket is matched: urgent first, the most specific scope first. */
export function PolicyTable({ policies, options }: { policies: PolicyView[]; options: PolicyScopeOptions }) {
  return (
    // relative: the scroller is the containing block of the sr-only labels inside, so they cannot widen the page on a phone.
    <div className="relative overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-sm">
        <caption className="sr-only">SLA policies</caption>
        <thead className="border-b border-border bg-surface-muted text-left text-xs text-muted uppercase">
          <tr>
            <th scope="col" className={header}>
              Policy
            </th>
            <th scope="col" className={header}>
              Priority
            </th>
            <th scope="col" className={header}>
              Applies to
            </th>
            <th scope="col" className={`${header} whitespace-nowrap`}>
              First response
            </th>
            <th scope="col" className={header}>
              Resolution
            </th>
            <th scope="col" className={`${header} hidden md:table-cell`}>
              Clock pauses
            </th>
            <th scope="col" className={header}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {policies.map((policy) => (
            <PolicyRow key={policy.id} policy={policy} options={options} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
