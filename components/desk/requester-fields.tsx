import type { RecordFieldView } from "@/server/users/record-custom-values";
import { RecordCustomFields } from "./record-custom-fields";

/**
 * The custom fields of a ticket's requester and of the ticket's
 * organization, in the requester panel. Agents fill in the person's; the
 * organization's are read here, and filled in by whoever edits
 * organizations (admins, here or on the admin page).
 */
export function RequesterFields({
  requester,
  organization,
  canEditOrganization,
}: {
  requester: { id: string; name: string; fields: RecordFieldView[] };
  organization: { id: string; name: string; fields: RecordFieldView[] } | null;
  canEditOrganization: boolean;
}) {
  const organizationShown = organization && (canEditOrganization ? organization.fields.length > 0 : organization.fields.some((field) => field.value !== null));
  if (requester.fields.length === 0 && !organizationShown) return null;
  return (
    <div className="mt-3 space-y-3" data-testid="requester-fields">
      {requester.fields.length ? (
        <div>
          <h3 className="mb-1 text-xs font-semibold text-muted uppercase">Person</h3>
          <RecordCustomFields target="user" recordId={requester.id} name={requester.name} fields={requester.fields} editable />
        </div>
      ) : null}
      {organization && organizationShown ? (
        <div>
          <h3 className="mb-1 text-xs font-semibold text-muted uppercase">Organization</h3>
          <RecordCustomFields target="organization" recordId={organization.id} name={organization.name} fields={organization.fields} editable={canEditOrganization} />
        </div>
      ) : null}
    </div>
  );
}
