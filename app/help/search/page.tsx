import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { HelpSearchForm } from "@/components/help/help-search-form";
import { HighlightedSnippet } from "@/components/help/highlighted-snippet";
import { articlePath } from "@/lib/article-slug";
import { getServerApi } from "@/server/caller";

function queryOf(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value)?.trim().slice(0, 200) ?? "";
}

export async function generateMetadata({ searchParams }: PageProps<"/help/search">): Promise<Metadata> {
  const q = queryOf((await searchParams).q);
  // Result pages are for people, not for search engines' indexes.
  return { title: q ? `Search: ${q}` : "Search", robots: { index: false } };
}

/** Help-center search: ranked full-text matches over titles and bodies of the articles the reader may read. */
export default async function HelpSearchPage({ searchParams }: PageProps<"/help/search">) {
  const q = queryOf((await searchParams).q);
  const hits = q ? await (await getServerApi()).knowledge.search({ q }) : [];
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/help" className="hover:text-fg">
          Help center
        </Link>{" "}
        / <span aria-current="page">Search</span>
      </nav>
      <h1 className="text-2xl font-semibold break-words">{q ? `Results for “${q}”` : "Search the help center"}</h1>
      <HelpSearchForm query={q} large />
      {!q ? (
        <p className="text-sm text-muted">Type a few words about your question, for example “reset password”.</p>
      ) : hits.length === 0 ? (
        <EmptyState title="No articles match">
          Try fewer or different words, or <Link href="/tickets/new" className="text-accent underline">ask our team</Link>.
        </EmptyState>
      ) : (
        <>
          <p role="status" className="text-sm text-muted">
            {hits.length === 1 ? "1 article" : `${hits.length} articles`}
          </p>
          <ol className="space-y-3">
            {hits.map((hit) => (
              <li key={hit.id} className="rounded-lg border border-border bg-surface p-4">
                <h2 className="font-semibold">
                  <Link href={articlePath(hit)} className="text-accent hover:underline">
                    {hit.title}
                  </Link>
                </h2>
                <p className="text-xs text-muted">{hit.sectionName}</p>
                <p className="mt-1 text-sm">
                  <HighlightedSnippet snippet={hit.snippet} />
                </p>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
