import type { Metadata } from "next";
import { AdminPanel, Disclosure } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { RuleForm } from "./rule-form";
import { RuleList } from "./rule-list";
import type { RuleOptions } from "./rule-rows";

export const metadata: Metadata = { title: "Automations · Admin" };

export default async function AdminAutomationsPage() {
  await requireUser("admin");
  const api = await getServerApi();
  const [rules, deskOptions, fields] = await Promise.all([api.admin.automations.list(), api.desk.options(), api.admin.customFields.list()]);
  const options: RuleOptions = {
    categories: deskOptions.categories,
    organizations: deskOptions.organizations,
    teams: deskOptions.teams,
    agents: deskOptions.agents.map(({ id, name }) => ({ id, name })),
    ticketFields: fields.filter((f) => f.target === "ticket").map(({ key, label, type, active, options }) => ({ key, label, type, active, options })),
  };

  return (
    <div className="space-y-6">
      <Disclosure summary="Add a rule">
        <RuleForm options={options} />
      </Disclosure>
      <AdminPanel
        id="automation-rules"
        title="Rules"
        description="When a ticket is created or updated, each active rule whose conditions hold runs its actions, top to bottom. Later rules see what earlier ones changed; each rule acts at most once on a ticket."
      >
        {rules.length === 0 ? (
          <EmptyState title="No rules yet">
            Rules sort tickets as they arrive: for example, when the subject mentions “refund”, set the category to Billing and add the tag refund. Add one above.
          </EmptyState>
        ) : (
          <RuleList rules={rules} options={options} />
        )}
      </AdminPanel>
    </div>
  );
}
