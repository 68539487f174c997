import "server-only";

/**
 * Readable text from an HTML-only email: paragraphs and line breaks kept,
 * links as "text (url)", list items as "- ", quoted history (blockquote) as
 * "> " lines so the reply trimmer can recognise it, entities decoded. Not a
 * renderer: it never interprets styles or scripts, it drops them. One pass
 * with indexOf, no backtracking regex over the document, so hostile HTML
 * (thousands of unclosed tags) costs linear time.
 */

const droppedElements = new Set(["head", "style", "script", "title", "template", "noscript", "xml"]);
const paragraphTags = new Set(["p", "table", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "hr"]);
const lineTags = new Set(["div", "tr", "li", "dt", "dd", "section", "article", "header", "footer", "main", "nav", "aside", "address", "center", "form", "fieldset", "figure", "figcaption", "caption"]);

interface Line {
  depth: number;
  /** Appended in pieces and joined once: repeated += and endsWith on one string would flatten it each time. */
  parts: string[];
  endsWithSpace: boolean;
  hasText: boolean;
}

const newLine = (depth: number): Line => ({ depth, parts: [], endsWithSpace: false, hasText: false });

class TextWriter {
  readonly lines: Line[] = [];
  depth = 0;
  private current: Line = newLine(0);

  write(text: string, preformatted: boolean): void {
    if (preformatted) {
      const [first, ...rest] = text.split(/\r?\n/);
      this.append(first ?? "");
      for (const line of rest) {
        this.breakLine();
        this.append(line);
      }
      return;
    }
    const collapsed = text.replace(/\s+/g, " ");
    this.append(this.current.parts.length === 0 || this.current.endsWithSpace ? collapsed.replace(/^ /, "") : collapsed);
  }

  private append(text: string): void {
    if (!text) return;
    this.current.parts.push(text);
    this.current.endsWithSpace = text.endsWith(" ");
    if (!this.current.hasText && text.trim()) this.current.hasText = true;
  }

  breakLine(): void {
    this.lines.push(this.current);
    this.current = newLine(this.depth);
  }

  /** Ends the line if it has text: the next block starts on its own line. */
  endLine(): void {
    if (this.current.hasText) this.breakLine();
  }

  blankLine(): void {
    this.endLine();
    const last = this.lines.at(-1);
    if (last?.hasText) this.lines.push(newLine(Math.min(this.depth, last.depth)));
    this.current = newLine(this.depth);
  }

  setDepth(depth: number): void {
    this.depth = Math.max(0, depth);
    this.current.depth = this.depth;
  }

  startItem(): void {
    this.endLine();
    this.append("- ");
  }

  finish(): string {
    this.lines.push(this.current);
    const texts = this.lines.map((line) => decodeEntities(line.parts.join("")).replace(/^[ \t\u00a0]+|[ \t\u00a0]+$/g, ""));
    // A blank line between quote levels belongs to the shallower one.
    const depths = this.lines.map((line) => line.depth);
    for (let i = 0; i < depths.length; i++) {
      if (!texts[i]) depths[i] = Math.min(depths[i] ?? 0, depths[i - 1] ?? 0, depths[i + 1] ?? 0);
    }
    const rendered = texts.map((body, i) => {
      const depth = depths[i] ?? 0;
      return depth > 0 ? `${"> ".repeat(depth)}${body}`.trimEnd() : body;
    });
    return rendered
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .replace(/(\n[> ]*)+$/, "")
      .trim();
  }
}

export function htmlToText(html: string): string {
  const out = new TextWriter();
  let preformatted = 0;
  let link: { href: string; parts: string[] } | null = null;
  const emitText = (text: string) => {
    if (link) link.parts.push(text);
    else out.write(text, preformatted > 0);
  };

  let position = 0;
  while (position < html.length) {
    const open = html.indexOf("<", position);
    if (open === -1) {
      emitText(html.slice(position));
      break;
    }
    if (open > position) emitText(html.slice(position, open));
    if (!/[a-z/!?]/i.test(html[open + 1] ?? "")) {
      // "a < b": a "<" that starts no tag is text.
      emitText("<");
      position = open + 1;
      continue;
    }
    if (html.startsWith("<!--", open)) {
      const end = html.indexOf("-->", open + 4);
      position = end === -1 ? html.length : end + 3;
      continue;
    }
    const close = html.indexOf(">", open + 1);
    if (close === -1) {
      emitText(html.slice(open));
      break;
    }
    position = close + 1;
    const tag = /^<(\/?)([a-z][a-z0-9]*)/i.exec(html.slice(open, Math.min(close, open + 40)));
    if (!tag) continue; // <!doctype>, <?xml?>, stray "<" runs: nothing to show
    const closing = tag[1] === "/";
    const name = (tag[2] ?? "").toLowerCase();

    if (!closing && droppedElements.has(name)) {
      const end = closingTagAt(html, name, position);
      const endClose = end === -1 ? -1 : html.indexOf(">", end);
      position = endClose === -1 ? html.length : endClose + 1;
      continue;
    }
    if (name === "a") {
      if (!closing) {
        if (link) out.write(linkText(link), false);
        link = { href: hrefOf(html.slice(open, close)), parts: [] };
      } else if (link) {
        out.write(linkText(link), false);
        link = null;
      }
      continue;
    }
    if (name === "img" && !closing) {
      // An inline image of the email itself (cid:) stays where it was, as a Markdown image the thread resolves to its attachment.
      const image = cidImageOf(html.slice(open, close));
      if (image) {
        emitText(image);
        continue;
      }
    }
    if (link) {
      // Structure inside a link is flattened into its text.
      link.parts.push(" ");
      continue;
    }
    if (name === "br") out.breakLine();
    else if (name === "blockquote") {
      out.blankLine();
      out.setDepth(out.depth + (closing ? -1 : 1));
    } else if (name === "pre") {
      out.blankLine();
      preformatted = Math.max(0, preformatted + (closing ? -1 : 1));
    } else if (name === "li" && !closing) out.startItem();
    else if ((name === "td" || name === "th") && closing) out.write("  ", true);
    else if (name === "hr") {
      out.blankLine();
      out.write("---", false);
      out.blankLine();
    } else if (paragraphTags.has(name)) out.blankLine();
    else if (lineTags.has(name)) out.endLine();
  }
  if (link) out.write(linkText(link), false);
  return out.finish();
}

/** Where `</name` next starts, in any letter case; -1 when it never does. */
function closingTagAt(html: string, name: string, from: number): number {
  for (let at = html.indexOf("</", from); at !== -1; at = html.indexOf("</", at + 2)) {
    if (html.slice(at + 2, at + 2 + name.length).toLowerCase() === name) return at;
  }
  return -1;
}

const hrefAttribute = /\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

function hrefOf(tag: string): string {
  const match = hrefAttribute.exec(tag);
  return (match?.[1] ?? match?.[2] ?? match?.[3] ?? "").trim();
}

const srcAttribute = /\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
const altAttribute = /\salt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/** `![alt](cid:id)` for an <img> whose source is a part of the email; null for any other image (remote ones are often trackers). */
function cidImageOf(tag: string): string | null {
  const src = srcAttribute.exec(tag);
  const url = decodeEntities((src?.[1] ?? src?.[2] ?? src?.[3] ?? "").trim());
  const cid = /^cid:([^\s()<>[\]]{1,255})$/i.exec(url)?.[1];
  if (!cid) return null;
  const alt = altAttribute.exec(tag);
  const text = decodeEntities(alt?.[1] ?? alt?.[2] ?? alt?.[3] ?? "").replace(/[[\]\\\s]+/g, " ").trim();
  return `![${text}](cid:${cid})`;
}

/** "text (url)"; just the text for anchors, scripts and inline images, just the url when the text is the url. */
function linkText(link: { href: string; parts: string[] }): string {
  const text = link.parts.join("").replace(/\s+/g, " ").trim();
  const url = link.href;
  if (!url || url.startsWith("#") || /^(javascript|data|cid|vbscript):/i.test(url)) return text;
  const shown = url.replace(/^mailto:/i, "");
  const same = (value: string) => decodeEntities(value).replace(/\/$/, "").toLowerCase();
  if (!text || same(text) === same(shown) || same(text) === same(url)) return shown;
  return `${text} (${shown})`;
}

// HTML 4 Latin-1 entity names, for U+00A0 to U+00FF in order.
const latin1Names =
  "nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest " +
  "Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig " +
  "agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml";

const namedEntities: ReadonlyMap<string, string> = new Map<string, string>([
  ...latin1Names.split(" ").map((name, index): [string, string] => [name, String.fromCodePoint(0xa0 + index)]),
  ["nbsp", " "],
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
  ...(
    [
      ["OElig", 338], ["oelig", 339], ["Scaron", 352], ["scaron", 353], ["Yuml", 376], ["ensp", 8194], ["emsp", 8195], ["thinsp", 8201],
      ["zwnj", 8204], ["zwj", 8205], ["ndash", 8211], ["mdash", 8212], ["lsquo", 8216], ["rsquo", 8217], ["sbquo", 8218], ["ldquo", 8220],
      ["rdquo", 8221], ["bdquo", 8222], ["dagger", 8224], ["Dagger", 8225], ["bull", 8226], ["hellip", 8230], ["permil", 8240], ["prime", 8242],
      ["lsaquo", 8249], ["rsaquo", 8250], ["euro", 8364], ["trade", 8482], ["larr", 8592], ["rarr", 8594],
    ] as const
  ).map(([name, code]): [string, string] => [name, String.fromCodePoint(code)]),
]);

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z][a-z0-9]{1,31});/gi, (entity, body: string) => {
    if (body.startsWith("#")) {
      const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return "\ufffd";
      return code === 0xa0 ? " " : String.fromCodePoint(code);
    }
    return namedEntities.get(body) ?? entity;
  });
}
