import type { Metadata, Route } from "next";
import Link from "next/link";
import { CategorySectionForms } from "@/components/desk/knowledge/category-section-forms";
import { CategorySectionOrder } from "@/components/desk/knowledge/category-section-order";
import { EmptyState } from "@/components/empty-state";
import { RelativeTime } from "@/components/relative-time";
import { buttonClasses } from "@/components/ui/button";
import { articleStates, articleVisibilityLabels, type ArticleState } from "@/lib/knowledge-vocabulary";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { hasRole } from "@/server/users/session-user";

export const metadata: Metadata = { title: "Knowledge base" };

const stateLabels: Record<ArticleState, string> = { draft: "Drafts", published: "Published", archived: "Archived" };
const stateBadge: Record<ArticleState, string> = {
  draft: "bg-warning-soft text-warning",
  published: "bg-success-soft text-success",
  archived: "bg-surface-muted text-muted",
};

/** The desk's list of every article (staff read all), newest change first, filtered by state. */
export default async function DeskKnowledgePage({ searchParams }: PageProps<"/desk/knowledge">) {
  const requested = (await searchParams).state;
  const state = articleStates.find((candidate) => candidate === requested);
  const user = await requireUser("agent");
  const api = await getServerApi();
  const articles = await api.knowledge.manage.list(state ? { state } : undefined);
  const manager = hasRole(user, "manager");
  const categories = manager ? await api.knowledge.manage.categories() : null;
  const sections = manager ? await api.knowledge.manage.sections() : [];
  const filters: { label: string; href: Route; active: boolean }[] = [
    { label: "All", href: "/desk/knowledge", active: !state },
    ...articleStates.map((value) => ({ label: stateLabels[value], href: `/desk/knowledge?state=${value}` as Route, active: state === value })),
  ];
  return (
    <div className="space-y-5">
      <header className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">Knowledge base</h1>
          <p className="text-sm text-muted">
            Articles for the <Link href="/help" className="text-accent underline">help center</Link>. Agents write drafts; managers publish.
          </p>
        </div>
        <Link href="/desk/knowledge/new" className={buttonClasses("primary")}>
          New article
        </Link>
      </header>
      <nav aria-label="Filter by state" className="flex flex-wrap gap-2">
        {filters.map((filter) => (
          <Link
            key={filter.label}
            href={filter.href}
            aria-current={filter.active ? "page" : undefined}
            className={`rounded-full border px-3 py-1 text-sm ${filter.active ? "border-accent bg-accent-soft text-accent" : "border-border hover:bg-surface-muted"}`}
          >
            {filter.label}
          </Link>
        ))}
      </nav>
      {articles.length === 0 ? (
        <EmptyState title={state ? `No ${stateLabels[state].toLowerCase()} articles` : "No articles yet"} action={<Link href="/desk/knowledge/new" className={buttonClasses("secondary")}>Write the first one</Link>}>
          Articles answer common questions before they become tickets.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border bg-surface">
          <table className="w-full text-sm">
            <caption className="sr-only">Articles</caption>
            <thead className="border-b border-border text-left text-xs text-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">Title</th>
                <th scope="col" className="px-3 py-2 font-medium">State</th>
                <th scope="col" className="px-3 py-2 font-medium">Who can read</th>
                <th scope="col" className="px-3 py-2 font-medium">Where</th>
                <th scope="col" className="px-3 py-2 font-medium">Updated</th>
              </tr>
            </thead>
            <tbody>
              {articles.map((article) => (
                <tr key={article.id} className="border-b border-border last:border-0">
                  <td className="px-3 py-2">
                    <Link href={`/desk/knowledge/${article.id}`} className="font-medium text-accent hover:underline">
                      {article.title}
                    </Link>
                    {article.authorName ? <span className="block text-xs text-muted">by {article.authorName}</span> : null}
                  </td>
                  <td className="px-3 py-2">
                    <span className={`rounded px-1.5 py-0.5 text-xs ${stateBadge[article.state]}`}>{article.state}</span>
                  </td>
                  <td className="px-3 py-2">{articleVisibilityLabels[article.visibility]}</td>
                  <td className="px-3 py-2 text-muted">
                    {article.categoryName} / {article.sectionName}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap text-muted">
                    <RelativeTime date={article.updatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {categories ? <CategorySectionOrder categories={categories} sections={sections} /> : null}
      {categories ? <CategorySectionForms categories={categories} /> : null}
    </div>
  );
}
