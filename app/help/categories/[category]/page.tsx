import type { Metadata } from "next";
import Link from "next/link";
import { permanentRedirect } from "next/navigation";
import { articlePath, categoryPath } from "@/lib/article-slug";
import { loadCategory } from "../../help-data";

export async function generateMetadata({ params }: PageProps<"/help/categories/[category]">): Promise<Metadata> {
  const { category } = await loadCategory((await params).category);
  return { title: category.name, description: category.description || `Help articles about ${category.name}.` };
}

/** One category: its sections and the articles the reader may read in each. */
export default async function HelpCategoryPage({ params }: PageProps<"/help/categories/[category]">) {
  const segment = (await params).category;
  const { category, sections } = await loadCategory(segment);
  const canonical = categoryPath(category);
  if (`/help/categories/${segment}` !== canonical) permanentRedirect(canonical);
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/help" className="hover:text-fg">
          Help center
        </Link>{" "}
        / <span aria-current="page">{category.name}</span>
      </nav>
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold">{category.name}</h1>
        {category.description ? <p className="text-muted">{category.description}</p> : null}
      </header>
      {sections.map((section) => (
        <section key={section.id} id={`section-${section.id}`} aria-labelledby={`section-${section.id}-title`} className="rounded-lg border border-border bg-surface p-5">
          <h2 id={`section-${section.id}-title`} className="text-lg font-semibold">
            {section.name}
          </h2>
          {section.description ? <p className="mt-1 text-sm text-muted">{section.description}</p> : null}
          <ul className="mt-3 space-y-1.5">
            {section.articles.map((article) => (
              <li key={article.id}>
                <Link href={articlePath(article)} className="text-accent hover:underline">
                  {article.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
