import { Disclosure } from "@/components/admin/admin-panel";
import type { TicketPriority } from "@/lib/vocabularies";
import { ArchiveCategoryButton } from "./archive-category-button";
import { CategoryForm } from "./category-form";

export interface CategoryView {
  id: string;
  name: string;
  description: string;
  defaultTeamId: string | null;
  defaultTeamName: string | null;
  defaultPriority: TicketPriority;
  position: number;
  archivedAt: Date | null;
}

/** Categories with what they set on new tickets; each can be edited in place or (un)archived. */
export function CategoryList({ categories, teams }: { categories: CategoryView[]; teams: { id: string; name: string }[] }) {
  return (
    <ul className="divide-y divide-border rounded-md border border-border">
      {categories.map((category) => (
        <li key={category.id} className="space-y-3 p-3">
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h3 className="font-medium">
                <span className="mr-2 text-xs text-muted tabular-nums" title="Position">
                  {category.position}.
                </span>
                {category.name}
              </h3>
              {category.description ? <p className="text-sm text-muted">{category.description}</p> : null}
              <p className="mt-1 text-xs text-muted">
                Team: {category.defaultTeamName ?? "none"} · Priority: <span className="capitalize">{category.defaultPriority}</span>
              </p>
            </div>
            <ArchiveCategoryButton id={category.id} name={category.name} archived={Boolean(category.archivedAt)} />
          </div>
          <Disclosure summary={`Edit ${category.name}`}>
            <CategoryForm teams={teams} category={category} />
          </Disclosure>
        </li>
      ))}
    </ul>
  );
}
