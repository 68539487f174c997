import type { Metadata } from "next";
import { AdminPanel } from "@/components/admin/admin-panel";
import { RecordCustomFields } from "@/components/desk/record-custom-fields";
import { EmptyState } from "@/components/empty-state";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { DomainJoinSelect } from "./domain-join-select";
import { PendingMemberActions } from "./pending-member-actions";

export const metadata: Metadata = { title: "Organizations · Admin" };

/**
 * How people at each organization's email domain become members (and so see
 * its shared tickets), who waits to join, and each one's custom fields.
 * Signing up or emailing from an address never makes anyone a member by itself.
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
          {organization.fields.length ? (
            <section aria-label={`Fields of ${organization.name}`} className="max-w-xl">
              <RecordCustomFields target="organization" recordId={organization.id} name={organization.name} fields={organization.fields} editable />
            </section>
          ) : null}
          {organization.pending.length === 0 ? (
            <p className="text-sm text-muted">Nobody is waiting to join.</p>
          ) : (
            <section aria-label={`Waiting to join ${organization.name}`}>
              <h3 className="text-sm font-medium text-muted">Waiting to join</h3>
              <ul className="mt-1 text-sm">
                {organization.pending.map((person) => (
                  <li key={person.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-t border-border py-2">
                    <div className="min-w-0">
                      {person.name}
                      <span className="block text-xs wrap-anywhere text-muted">
                        {person.email} · {person.verified ? "address confirmed" : "address not confirmed"}
                      </span>
                    </div>
                    <PendingMemberActions organizationId={organization.id} userId={person.id} name={person.name} />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </AdminPanel>
      ))}
    </div>
  );
}
