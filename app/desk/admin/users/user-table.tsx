import type { Route } from "next";
import Link from "next/link";
import { RelativeTime } from "@/components/relative-time";
import type { DirectoryUser } from "@/server/admin/user-directory";
import { UserAccessControls, UserRoleControl } from "./user-row-actions";

const header = "px-3 py-2 font-medium";

/** One page of the people list; role and access controls sit in each row, and each name opens the person's fields. */
export function UserTable({ kind, users, currentUserId }: { kind: "staff" | "customers"; users: DirectoryUser[]; currentUserId: string }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-border bg-surface">
      <table className="w-full text-sm">
        <caption className="sr-only">{kind === "staff" ? "Staff" : "Customers"}</caption>
        <thead className="border-b border-border bg-surface-muted text-left text-xs text-muted uppercase">
          <tr>
            <th scope="col" className={header}>
              Name
            </th>
            <th scope="col" className={header}>
              Role
            </th>
            <th scope="col" className={`${header} hidden lg:table-cell`}>
              {kind === "staff" ? "Teams" : "Organization"}
            </th>
            <th scope="col" className={`${header} hidden sm:table-cell`}>
              Joined
            </th>
            <th scope="col" className={header}>
              Access
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-border">
          {users.map((user) => {
            const self = user.id === currentUserId;
            const extra = kind === "staff" ? user.teams.join(", ") : user.organizationName;
            return (
              <tr key={user.id} className="align-top">
                <th scope="row" className="px-3 py-2.5 text-left font-normal">
                  <span className="block font-medium">
                    <Link href={`/desk/admin/users/${user.id}` as Route} className="hover:text-accent hover:underline">
                      {user.name}
                    </Link>
                    {self ? <span className="ml-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs text-accent">You</span> : null}
                  </span>
                  <span className="block text-muted">{user.email}</span>
                </th>
                <td className="px-3 py-2.5">
                  {self ? <span className="capitalize">{user.role}</span> : <UserRoleControl user={user} />}
                </td>
                <td className="hidden px-3 py-2.5 text-muted lg:table-cell">{extra || "—"}</td>
                <td className="hidden px-3 py-2.5 whitespace-nowrap text-muted sm:table-cell">
                  <RelativeTime date={user.createdAt} />
                </td>
                <td className="px-3 py-2.5">
                  {self ? <span className="text-muted">Active (you)</span> : <UserAccessControls user={user} />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
