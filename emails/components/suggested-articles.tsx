import { Link, Section, Text } from "@react-email/components";
import { palette, paragraph, wrapLongWords } from "./email-theme";

export type SuggestedArticle = { title: string; url: string };

/** Help-center articles that may already answer the request; nothing at all when none matched. */
export function SuggestedArticles({ articles }: { articles: SuggestedArticle[] }) {
  if (articles.length === 0) return null;
  return (
    <Section style={{ margin: "0 0 16px", padding: "12px 16px", backgroundColor: palette.surfaceMuted, borderRadius: "6px" }}>
      <Text style={{ ...paragraph, margin: "0 0 8px", fontWeight: 600 }}>These articles may already answer your question:</Text>
      {articles.map((article) => (
        <Text key={article.url} style={{ ...paragraph, ...wrapLongWords, margin: "0 0 4px" }}>
          <Link href={article.url} style={{ color: palette.accent, textDecoration: "underline" }}>
            {article.title}
          </Link>
        </Text>
      ))}
    </Section>
  );
}
