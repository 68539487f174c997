import type { MetadataRoute } from "next";
import { articlePath } from "@/lib/article-slug";
import { getServerApi } from "@/server/caller";
import { env } from "@/server/env";

/** /help/sitemap.xml: the help center and every article an anonymous visitor (a search engine) may read. */
export default async function sitemap(): Promise<MetadataRoute.Sitemap> {
  const articles = await (await getServerApi()).knowledge.sitemap();
  const base = env.APP_URL.replace(/\/$/, "");
  return [{ url: `${base}/help` }, ...articles.map((article) => ({ url: `${base}${articlePath(article)}`, lastModified: article.updatedAt }))];
}
