import type { Metadata } from "next";
import { AdminPanel } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { DomainJoinSelect } from "./domain-join-select";
import { PendingMemberActions } from "./pending-member-actions";

export const metadata: Metadata = { title: "Organizations · Admin" };

/**
 * How people at each organization's email domain become members (and so see
 * its shared tickets), and who waits to join. Signing up or emailing from an
 * address never makes anyone a member by itself.
 */
export default async function AdminOrganizationsPage() {
  await requireUser("admin");
  const api = await getServerApi();
  const organizations = await api.admin.organizations.list();
  if (organizations.length === 0) {
    return <EmptyState title="No organizations yet">Organizations group customers by their email domain.</EmptyState>;
  }
  return (
    <div className="space-y-6">
      {organizations.map((organization) => (
        <AdminPanel
          key={organization.id}
          id={`organization-${organization.id}`}
          title={organization.name}
          description={`${organization.domain ? `@${organization.domain}` : "No email domain"} · ${organization.memberCount} member${organization.memberCount === 1 ? "" : "s"}${organization.sharesTickets ? " · members see each other's tickets" : ""}`}
        >
          {organization.domain ? <DomainJoinSelect organizationId={organization.id} name={organization.name} domainJoin={organization.domainJoin} /> : null}
          {organization.pending.length === 0 ? (
            <p className="text-sm text-muted">Nobody is waiting to join.</p>
          ) : (
            <table className="w-full text-sm">
              <caption className="sr-only">Waiting to join {organization.name}</caption>
              <thead className="text-left text-muted">
                <tr>
                  <th scope="col" className="py-1 font-medium">Waiting to join</th>
                  <th scope="col" className="py-1 font-medium">Address</th>
                  <th scope="col" className="py-1 text-right font-medium">
                    <span className="sr-only">Decision</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {organization.pending.map((person) => (
                  <tr key={person.id} className="border-t border-border">
                    <td className="py-2">
                      {person.name}
                      <span className="block text-xs text-muted">{person.email}</span>
                    </td>
                    <td className="py-2 text-muted">{person.verified ? "Confirmed" : "Not confirmed"}</td>
                    <td className="py-2">
                      <PendingMemberActions organizationId={organization.id} userId={person.id} name={person.name} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </AdminPanel>
      ))}
    </div>
  );
}
