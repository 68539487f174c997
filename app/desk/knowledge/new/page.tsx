import type { Metadata } from "next";
import Link from "next/link";
import { ArticleEditor } from "@/components/desk/knowledge/article-editor";
import { EmptyState } from "@/components/empty-state";
import { getServerApi } from "@/server/caller";

export const metadata: Metadata = { title: "New article" };

export default async function NewArticlePage() {
  const sections = await (await getServerApi()).knowledge.manage.sections();
  return (
    <div className="max-w-3xl space-y-5">
      <Link href="/desk/knowledge" className="text-sm text-muted hover:text-fg">
        ← Knowledge base
      </Link>
      <h1 className="text-xl font-semibold">New article</h1>
      {sections.length === 0 ? (
        <EmptyState title="No sections yet">A manager needs to create a category and a section before articles can be written.</EmptyState>
      ) : (
        <ArticleEditor sections={sections} />
      )}
    </div>
  );
}
