import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { ArticleEditor } from "@/components/desk/knowledge/article-editor";
import { ArticleStateActions } from "@/components/desk/knowledge/article-state-actions";
import { RelativeTime } from "@/components/relative-time";
import { articlePath } from "@/lib/article-slug";
import { requireUser } from "@/server/auth/session";
import { getServerApi } from "@/server/caller";
import { hasRole } from "@/server/users/session-user";

export const metadata: Metadata = { title: "Edit article" };

async function loadDeskArticle(idSegment: string) {
  const id = /^\d{1,9}$/.test(idSegment) ? Number(idSegment) : null;
  if (id === null) notFound();
  try {
    const api = await getServerApi();
    return { ...(await api.knowledge.manage.get({ id })), sections: await api.knowledge.manage.sections() };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  }
}

/** The desk's article editor: the form, state buttons for managers, and the revision history. */
export default async function DeskArticlePage({ params, searchParams }: PageProps<"/desk/knowledge/[id]">) {
  const user = await requireUser("agent");
  const { article, revisions, sections } = await loadDeskArticle((await params).id);
  const created = (await searchParams).created === "1";
  const manager = hasRole(user, "manager");
  return (
    <div className="grid gap-8 xl:grid-cols-[minmax(0,48rem)_18rem]">
      <div className="min-w-0 space-y-5">
        <Link href="/desk/knowledge" className="text-sm text-muted hover:text-fg">
          ← Knowledge base
        </Link>
        {created ? (
          <p role="status" className="rounded-lg border border-success/30 bg-success-soft px-4 py-3 text-sm text-success">
            Draft saved. {manager ? "Publish it when it is ready." : "A manager will publish it."}
          </p>
        ) : null}
        <header className="flex flex-wrap items-start justify-between gap-3">
          <div>
            <h1 className="text-xl font-semibold break-words">{article.title}</h1>
            <p className="text-sm text-muted">
              <span className="capitalize">{article.state}</span> · updated <RelativeTime date={article.updatedAt} /> ·{" "}
              <Link href={articlePath(article)} className="text-accent underline">
                view in the help center
              </Link>
            </p>
          </div>
          {manager ? <ArticleStateActions articleId={article.id} state={article.state} /> : null}
        </header>
        <ArticleEditor key={article.updatedAt.toISOString()} article={article} sections={sections} readOnly={article.state !== "draft" && !manager} />
      </div>
      <aside aria-labelledby="revisions-title" className="space-y-2">
        <h2 id="revisions-title" className="text-sm font-semibold">
          Revisions
        </h2>
        <ol className="space-y-2 text-sm">
          {revisions.map((revision) => (
            <li key={revision.id} className="rounded-md border border-border bg-surface px-3 py-2">
              <span className="font-medium capitalize">{revision.action}</span> by {revision.authorName ?? "someone no longer here"}
              <span className="block text-xs text-muted">
                <RelativeTime date={revision.createdAt} /> · “{revision.title}”
              </span>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}
