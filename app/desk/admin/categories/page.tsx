import type { Metadata } from "next";
import { AdminPanel, Disclosure } from "@/components/admin/admin-panel";
import { EmptyState } from "@/components/empty-state";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { CategoryForm } from "./category-form";
import { CategoryList } from "./category-list";

export const metadata: Metadata = { title: "Categories · Admin" };

export default async function AdminCategoriesPage() {
  await requireUser("admin");
  const api = await getServerApi();
  const [categories, teams] = await Promise.all([api.admin.categories.list(), api.admin.teams.list()]);
  const teamOptions = teams.map(({ id, name }) => ({ id, name }));
  const active = categories.filter((c) => !c.archivedAt);
  const archived = categories.filter((c) => c.archivedAt);

  return (
    <div className="space-y-6">
      <Disclosure summary="Add a category">
        <CategoryForm teams={teamOptions} />
      </Disclosure>
      <AdminPanel
        id="active-categories"
        title="In use"
        description="Customers choose one of these when they open a ticket, in this order. New tickets get the category's team and priority."
      >
        {active.length === 0 ? (
          <EmptyState title="No categories in use">
            Customers cannot open tickets until there is at least one. Add a category above, or unarchive one below.
          </EmptyState>
        ) : (
          <CategoryList categories={active} teams={teamOptions} ordered />
        )}
      </AdminPanel>
      <AdminPanel id="archived-categories" title="Archived" description="Hidden from the new-ticket form. Existing tickets keep their category.">
        {archived.length === 0 ? (
          <p className="text-sm text-muted">Nothing archived. Archive a category to stop offering it without losing its history.</p>
        ) : (
          <CategoryList categories={archived} teams={teamOptions} />
        )}
      </AdminPanel>
    </div>
  );
}
