import type { Metadata } from "next";
import { AdminPanel, Disclosure } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { customFieldTargets } from "@/lib/custom-field-vocabulary";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { FieldForm } from "./field-form";
import { FieldList } from "./field-list";
import { targetPanelTitles } from "./target-labels";
import { TicketFormEditor } from "./ticket-form-editor";

export const metadata: Metadata = { title: "Fields · Admin" };

const targetDescriptions = {
  ticket: "Shown and edited in the desk's properties panel, in the API, and on the portal forms that include them.",
  user: "Details kept about people.",
  organization: "Details kept about organizations.",
} as const;

export default async function AdminFieldsPage() {
  await requireUser("admin");
  const api = await getServerApi();
  const [fields, forms, categories] = await Promise.all([api.admin.customFields.list(), api.admin.customFields.forms(), api.admin.categories.list()]);
  // Customers never see agent-only fields, so forms never offer them.
  const formChoices = fields
    .filter((field) => field.target === "ticket" && !field.agentOnly)
    .map(({ id, label, active, requiredForCustomers }) => ({ id, label, active, requiredForCustomers }));
  const activeCategories = categories.filter((category) => !category.archivedAt);

  return (
    <div className="space-y-6">
      <Disclosure summary="Add a field">
        <FieldForm />
      </Disclosure>
      {customFieldTargets.map((target) => {
        const ofTarget = fields.filter((field) => field.target === target);
        return (
          <AdminPanel key={target} id={`fields-${target}`} title={targetPanelTitles[target]} description={targetDescriptions[target]}>
            {ofTarget.length === 0 ? (
              <EmptyState title="No fields yet">Add one above to record what your team needs to know.</EmptyState>
            ) : (
              <FieldList fields={ofTarget} />
            )}
          </AdminPanel>
        );
      })}
      <AdminPanel
        id="ticket-forms"
        title="Ticket forms"
        description="For each category, the fields the portal asks for when a customer opens a ticket, in this order. Required fields must be filled in to submit."
      >
        {activeCategories.length === 0 ? (
          <EmptyState title="No categories in use">Add a category first; each one gets its own form.</EmptyState>
        ) : (
          <ul className="space-y-5">
            {activeCategories.map((category) => (
              <li key={category.id} className="space-y-2">
                <h3 className="font-medium">{category.name}</h3>
                <TicketFormEditor categoryId={category.id} categoryName={category.name} choices={formChoices} initial={forms[category.id] ?? []} />
              </li>
            ))}
          </ul>
        )}
      </AdminPanel>
    </div>
  );
}
