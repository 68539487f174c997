import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { HelpSearchForm } from "@/components/help/help-search-form";
import { categoryPath } from "@/lib/article-slug";
import { getServerApi } from "@/server/caller";

/** The help center's front page: a search box and every category the reader has articles in, with its sections. */
export default async function HelpHomePage() {
  const categories = await (await getServerApi()).knowledge.categories();
  return (
    <div className="space-y-8">
      <section aria-labelledby="help-title" className="space-y-3 rounded-lg border border-border bg-surface px-6 py-8 text-center">
        <h1 id="help-title" className="text-2xl font-semibold">
          How can we help?
        </h1>
        <p className="text-sm text-muted">Search our guides, or browse by topic below.</p>
        <div className="mx-auto max-w-xl">
          <HelpSearchForm large />
        </div>
      </section>
      {categories.length === 0 ? (
        <EmptyState title="No articles yet">
          There is nothing to read here yet. <Link href="/tickets/new" className="text-accent underline">Open a ticket</Link> and we will answer you directly.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 sm:grid-cols-2" aria-label="Categories">
          {categories.map((category) => (
            <li key={category.id} className="rounded-lg border border-border bg-surface p-5">
              <h2 className="text-lg font-semibold">
                <Link href={categoryPath(category)} className="hover:text-accent hover:underline">
                  {category.name}
                </Link>
              </h2>
              {category.description ? <p className="mt-1 text-sm text-muted">{category.description}</p> : null}
              <ul className="mt-3 space-y-1 text-sm">
                {category.sections.map((section) => (
                  <li key={section.id} className="flex justify-between gap-3">
                    <Link href={`${categoryPath(category)}#section-${section.id}`} className="hover:text-accent hover:underline">
                      {section.name}
                    </Link>
                    <span className="text-muted tabular-nums">
                      {section.articleCount} {section.articleCount === 1 ? "article" : "articles"}
                    </span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
      <p className="text-center text-sm text-muted">
        Did not find what you need? <Link href="/tickets/new" className="text-accent underline">Contact support</Link>.
      </p>
    </div>
  );
}
