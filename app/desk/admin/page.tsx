import type { Metadata } from "next";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";

export const metadata: Metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireUser("admin");
  const staff = await (await getServerApi()).admin.staff();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">Admin</h1>
        <p className="text-sm text-muted">The people who work the desk, their roles and teams.</p>
      </div>
      <section className="overflow-x-auto rounded-lg border border-border bg-surface">
        <table className="w-full text-sm">
          <caption className="sr-only">Staff</caption>
          <thead className="border-b border-border bg-surface-muted text-left text-xs text-muted uppercase">
            <tr>
              <th scope="col" className="px-3 py-2 font-medium">Name</th>
              <th scope="col" className="px-3 py-2 font-medium">Email</th>
              <th scope="col" className="px-3 py-2 font-medium">Role</th>
              <th scope="col" className="px-3 py-2 font-medium">Teams</th>
              <th scope="col" className="px-3 py-2 font-medium">Status</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-border">
            {staff.map((person) => (
              <tr key={person.id}>
                <td className="px-3 py-2 font-medium">{person.name}</td>
                <td className="px-3 py-2 text-muted">{person.email}</td>
                <td className="px-3 py-2 capitalize">{person.role}</td>
                <td className="px-3 py-2 text-muted">{person.teams.length ? person.teams.join(", ") : "—"}</td>
                <td className="px-3 py-2">{person.disabledAt ? <span className="text-danger">Disabled</span> : "Active"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
