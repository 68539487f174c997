import fs from "node:fs";
import path from "node:path";

/**
 * A source scan for readers of the `messages` table. The privacy rule for
 * threads (which message kinds a viewer may read) lives in one function in
 * server/tickets/ticket-scope.ts; this finds every module that reads the
 * table and reports the ones that neither apply that rule nor are on the
 * short allow-list of modules that read messages for no viewer.
 *
 * It reads source text, not types: it knows the shapes a read takes in this
 * codebase (the Drizzle builder, the relational query API, raw SQL), which is
 * what a new reader would copy.
 */

export interface ReaderVerdict {
  /** Reads the messages table in some form. */
  reads: boolean;
  /** Calls one of the rule's functions. */
  appliesRule: boolean;
  /** Decides message kinds itself (a kind list or a condition on messages' kind). */
  decidesKinds: boolean;
  /** What made it a reader, for the failure message. */
  evidence: string[];
}

/** The functions that apply the rule; calling any of them is applying it. */
const ruleCalls = /\b(visibleMessagesWhere|visibleMessageKinds|mayReadMessage)\s*\(/;

/** Comments out of the way, so prose such as "reads from messages" is not a read. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/(^|[\s;{}(),])\/\/[^\n]*/g, "$1");
}

/** Local names under which a module imports the messages table from the schema ("messages", an alias, or "ns.messages"). */
function messagesTableNames(source: string): string[] {
  const names: string[] = [];
  for (const match of source.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s*from\s*["']([^"']+)["']/g)) {
    const [, typeOnly, specifiers = "", from = ""] = match;
    if (typeOnly || !/(^|\/)db\/schema(\/tickets)?$/.test(from)) continue;
    for (const specifier of specifiers.split(",")) {
      const found = /^\s*(type\s+)?messages(?:\s+as\s+(\w+))?\s*$/.exec(specifier);
      if (found && !found[1]) names.push(found[2] ?? "messages");
    }
  }
  for (const match of source.matchAll(/import\s+\*\s+as\s+(\w+)\s+from\s*["']([^"']+)["']/g)) {
    if (/(^|\/)db\/schema(\/tickets)?$/.test(match[2] ?? "")) names.push(`${match[1]}.messages`);
  }
  return names;
}

const escape = (name: string) => name.replace(/[.$]/g, (c) => `\\${c}`);

/** Judges one module's source. */
export function judgeMessageReader(source: string): ReaderVerdict {
  const code = withoutComments(source);
  const evidence: string[] = [];
  for (const name of messagesTableNames(code)) {
    const n = escape(name);
    const shapes: [string, RegExp][] = [
      [`.from(${name})`, new RegExp(`\\.from\\(\\s*${n}\\s*[,)]`)],
      [`join(${name})`, new RegExp(`[jJ]oin\\(\\s*${n}\\s*[,)]`)],
      [`\${${name}} in SQL`, new RegExp(`\\$\\{\\s*${n}\\s*\\}`)],
    ];
    for (const [label, shape] of shapes) if (shape.test(code)) evidence.push(label);
  }
  if (/\.query\.messages\b/.test(code)) evidence.push("db.query.messages");
  // Raw SQL naming the table: `from messages m`, `join "messages"`.
  if (/\b(from|join)\s+"?messages"?(\s|`|$)/im.test(code)) evidence.push("raw SQL from/join messages");

  const kindList = /\[\s*["'](public|internal|system)["'](\s*,\s*["'](public|internal|system)["'])*\s*\]/;
  const kindCondition = /\b(eq|ne|inArray|notInArray)\(\s*[\w.]*messages\.kind\b|\bm\.kind\s+(in|=|<>)/;
  const decidesKinds = evidence.length > 0 && (kindList.test(code) || kindCondition.test(code));
  return { reads: evidence.length > 0, appliesRule: ruleCalls.test(code), decidesKinds, evidence };
}

/**
 * Modules that read messages for no viewer, so the viewer rule does not
 * apply; each with the reason it is safe. Keep it short: a page, a list, an
 * export, an email or an API that shows messages to someone is not on it.
 */
export const messageReaderAllowList: Record<string, string> = {
  "server/tickets/merge-tickets.ts":
    "copies a whole thread into another ticket for staff; kinds are kept, or narrowed to internal across requesters, so nothing becomes more visible",
  "server/automations/run-automations.ts": "rules match against the first or newest public message's text; nothing read is shown to anyone",
  "server/email/inbound/ingest.ts": "looks up a stored Message-ID for idempotency (ticket id only, no body)",
  "server/email/inbound/route-reply.ts": "maps Message-IDs to tickets to thread inbound mail (ids only, no body)",
};

/** The one home of the rule: it names the kinds and so is exempt from the kind check. */
export const ruleHome = "server/tickets/ticket-scope.ts";

/** Every .ts/.tsx file under the given folders of the repository, as repository-relative paths. */
export function sourceFiles(root: string, folders: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    if (!fs.existsSync(dir)) return;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "node_modules" && !entry.name.startsWith(".")) walk(full);
      } else if (/\.(ts|tsx)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) {
        found.push(path.relative(root, full).split(path.sep).join("/"));
      }
    }
  };
  for (const folder of folders) walk(path.join(root, folder));
  return found.sort();
}
