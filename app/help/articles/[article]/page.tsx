import type { Metadata } from "next";
import { headers } from "next/headers";
import Link from "next/link";
import { permanentRedirect } from "next/navigation";
import { after } from "next/server";
import { ArticleFeedbackForm } from "@/components/help/article-feedback-form";
import { Markdown } from "@/components/markdown";
import { RelativeTime } from "@/components/relative-time";
import { articlePath, categoryPath } from "@/lib/article-slug";
import { isAutomatedRequest } from "@/lib/automated-request";
import { articleVisibilityLabels } from "@/lib/knowledge-vocabulary";
import { getServerApi } from "@/server/caller";
import { loadArticle, summaryOf } from "../../help-data";

export async function generateMetadata({ params }: PageProps<"/help/articles/[article]">): Promise<Metadata> {
  const { article } = await loadArticle((await params).article);
  return { title: article.title, description: summaryOf(article.body), alternates: { canonical: articlePath(article) } };
}

/** One article: rendered Markdown (sanitized), when it last changed, related articles and "Was this helpful?". */
export default async function HelpArticlePage({ params }: PageProps<"/help/articles/[article]">) {
  const segment = (await params).article;
  const { article, related } = await loadArticle(segment);
  // The id decides the article; an old or mistyped slug moves to the right address.
  if (`/help/articles/${segment}` !== articlePath(article)) permanentRedirect(articlePath(article));
  await countView(article.id);
  const category = { id: article.categoryId, name: article.categoryName };
  return (
    <div className="grid gap-8 lg:grid-cols-[minmax(0,1fr)_16rem]">
      <article className="min-w-0 space-y-4">
        <nav aria-label="Breadcrumb" className="text-sm text-muted">
          <Link href="/help" className="hover:text-fg">
            Help center
          </Link>{" "}
          /{" "}
          <Link href={categoryPath(category)} className="hover:text-fg">
            {article.categoryName}
          </Link>{" "}
          /{" "}
          <Link href={`${categoryPath(category)}#section-${article.sectionId}`} className="hover:text-fg">
            {article.sectionName}
          </Link>
        </nav>
        <header className="space-y-1">
          <h1 className="text-2xl font-semibold break-words">{article.title}</h1>
          <p className="text-sm text-muted">
            Updated <RelativeTime date={article.updatedAt} />
            {article.state !== "published" ? <span className="ml-2 rounded bg-warning-soft px-1.5 py-0.5 text-xs text-warning">{article.state}: only staff see this</span> : null}
            {article.visibility !== "public" ? <span className="ml-2 rounded bg-surface-muted px-1.5 py-0.5 text-xs">{articleVisibilityLabels[article.visibility]}</span> : null}
          </p>
        </header>
        <div className="rounded-lg border border-border bg-surface p-5">
          <Markdown source={article.body} />
        </div>
        {article.state === "published" ? <ArticleFeedbackForm articleId={article.id} /> : null}
      </article>
      <aside aria-labelledby="related-title" className="space-y-2">
        <h2 id="related-title" className="text-sm font-semibold">
          Related articles
        </h2>
        {related.length ? (
          <ul className="space-y-1.5 text-sm">
            {related.map((item) => (
              <li key={item.id}>
                <Link href={articlePath(item)} className="text-accent hover:underline">
                  {item.title}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted">No other articles in {article.sectionName} yet.</p>
        )}
      </aside>
    </div>
  );
}

/**
 * Counts the view after the response is sent, so it never slows or fails the
 * page; prefetches and crawlers are not readers (the domain also leaves out
 * staff and anything not published). Counting here rather than from a
 * browser beacon costs no extra request and works without JavaScript.
 */
async function countView(articleId: number) {
  if (isAutomatedRequest(await headers())) return;
  const api = await getServerApi();
  after(() => api.knowledge.recordView({ id: articleId }).catch((error: unknown) => console.error("Help center: counting a view failed:", error)));
}
