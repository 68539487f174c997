import { Fragment } from "react";
import { HIGHLIGHT_END, HIGHLIGHT_START } from "@/lib/search-highlight";

/**
 * A search snippet whose matches are marked with private-use characters
 * (server/knowledge/help-center.ts). Every piece is rendered as text, so
 * nothing in an article's body can become markup here.
 */
export function HighlightedSnippet({ snippet }: { snippet: string }) {
  const pieces = snippet.split(HIGHLIGHT_START);
  return (
    <>
      {pieces.map((piece, index) => {
        if (index === 0) return <Fragment key={index}>{piece.replaceAll(HIGHLIGHT_END, "")}</Fragment>;
        const end = piece.indexOf(HIGHLIGHT_END);
        const marked = end === -1 ? piece : piece.slice(0, end);
        const rest = end === -1 ? "" : piece.slice(end + 1).replaceAll(HIGHLIGHT_END, "");
        return (
          <Fragment key={index}>
            <mark className="rounded-sm bg-warning-soft px-0.5 text-fg">{marked}</mark>
            {rest}
          </Fragment>
        );
      })}
    </>
  );
}
