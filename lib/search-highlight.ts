/**
 * Private-use characters that mark the matched words in a search snippet
 * (ts_headline's StartSel/StopSel). The page splits on them and renders the
 * pieces as text, so no markup from the database reaches the browser as HTML.
 */
export const HIGHLIGHT_START = "\uE000";
export const HIGHLIGHT_END = "\uE001";
