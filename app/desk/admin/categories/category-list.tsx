import { Disclosure } from "@/components/admin/admin-panel";
import type { TicketPriority } from "@/lib/vocabularies";
import { ArchiveCategoryButton } from "./archive-category-button";
import { CategoryForm } from "./category-form";
import { CategoryOrderButtons } from "./category-order-buttons";

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

/**
 * Categories with what they set on new tickets; each can be edited in place or
 * (un)archived. In use (`ordered`), they are numbered from 1 in the order
 * customers see them and move with up/down arrows; archived ones have no place.
 */
export function CategoryList({ categories, teams, ordered = false }: { categories: CategoryView[]; teams: { id: string; name: string }[]; ordered?: boolean }) {
  return (
    <ul className="divide-y divide-border rounded-md border border-border">
      {categories.map((category, index) => (
        <li key={category.id} className="space-y-3 p-3" data-category={category.name}>
          <div className="flex flex-wrap items-start justify-between gap-3">
            <div className="min-w-0">
              <h3 className="font-medium break-words">
                {ordered ? (
                  <span className="mr-2 text-xs text-muted tabular-nums" title="Place in the list customers see">
                    {index + 1}.
                  </span>
                ) : null}
                {category.name}
              </h3>
              {category.description ? <p className="text-sm text-muted">{category.description}</p> : null}
              <p className="mt-1 text-xs text-muted">
                Team: {category.defaultTeamName ?? "none"} · Priority: <span className="capitalize">{category.defaultPriority}</span>
              </p>
            </div>
            <div className="flex flex-wrap items-start gap-2">
              {ordered ? <CategoryOrderButtons id={category.id} name={category.name} first={index === 0} last={index === categories.length - 1} /> : null}
              <ArchiveCategoryButton id={category.id} name={category.name} archived={Boolean(category.archivedAt)} />
            </div>
          </div>
          <Disclosure summary={`Edit ${category.name}`}>
            <CategoryForm teams={teams} category={category} />
          </Disclosure>
        </li>
      ))}
    </ul>
  );
}
