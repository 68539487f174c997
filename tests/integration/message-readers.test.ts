/**
 * Every reader of the messages table applies the one privacy rule
 * (server/tickets/ticket-scope.ts), or is on a short allow-list of modules
 * that read messages for no viewer. A new page, export, email, API or job
 * that selects from messages without the rule fails here. The scanner is
 * first shown to catch planted violations, so a pass on the tree means
 * something.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { judgeMessageReader, messageReaderAllowList, ruleHome, sourceFiles } from "../support/message-readers";

const root = path.resolve(import.meta.dirname, "../..");
const folders = ["server", "app", "lib", "components", "emails"];

describe("the scanner", () => {
  const builderReader = `
    import { and, eq } from "drizzle-orm";
    import { messages, tickets } from "@/db/schema";
    export async function exportThread(db, ticketId) {
      return db.select({ body: messages.body }).from(messages).where(eq(messages.ticketId, ticketId));
    }`;

  it("flags a builder read of messages without the rule", () => {
    expect(judgeMessageReader(builderReader)).toMatchObject({ reads: true, appliesRule: false });
  });

  it("flags an aliased import, a join, a namespace import, the query API and raw SQL", () => {
    const shapes = [
      `import { messages as m } from "@/db/schema";\nconst rows = await db.select().from(m);`,
      `import { tickets, messages } from "@/db/schema/tickets";\nawait db.select().from(tickets).leftJoin(messages, eq(messages.ticketId, tickets.id));`,
      `import * as schema from "../../db/schema";\nawait db.select().from(schema.messages);`,
      `const rows = await db.query.messages.findMany({ where: (m, { eq }) => eq(m.ticketId, id) });`,
      "const rows = await db.execute(sql`select body from messages m where m.ticket_id = ${id}`);",
      `import { messages } from "@/db/schema";\nawait db.execute(sql\`select 1 from \${messages} where true\`);`,
    ];
    for (const source of shapes) expect(judgeMessageReader(source), source).toMatchObject({ reads: true, appliesRule: false });
  });

  it("accepts a reader that applies the rule, and a module that only writes", () => {
    const ruled = builderReader.replace("eq(messages.ticketId, ticketId)", "and(eq(messages.ticketId, ticketId), visibleMessagesWhere(viewer))");
    expect(judgeMessageReader(ruled)).toMatchObject({ reads: true, appliesRule: true, decidesKinds: false });
    const writer = `import { messages } from "@/db/schema";\nawait tx.insert(messages).values(row).returning({ id: messages.id });`;
    expect(judgeMessageReader(writer).reads).toBe(false);
    const typeOnly = `import type { messages } from "@/db/schema";\n// reads from messages elsewhere\nconst x = 1;`;
    expect(judgeMessageReader(typeOnly).reads).toBe(false);
  });

  it("flags a reader that decides the kinds itself, even beside a call to the rule", () => {
    const ownList = builderReader.replace("eq(messages.ticketId, ticketId)", `and(eq(messages.ticketId, ticketId), inArray(messages.kind, staff ? ["public", "internal"] : ["public"]))`);
    expect(judgeMessageReader(ownList)).toMatchObject({ reads: true, appliesRule: false, decidesKinds: true });
    const both = ownList.replace("where(", "where(visibleMessagesWhere(viewer), ");
    expect(judgeMessageReader(both)).toMatchObject({ appliesRule: true, decidesKinds: true });
  });
});

describe("readers of messages in the source tree", () => {
  const files = sourceFiles(root, folders);
  const verdicts = new Map(files.map((file) => [file, judgeMessageReader(fs.readFileSync(path.join(root, file), "utf8"))]));
  const readers = [...verdicts].filter(([, v]) => v.reads);

  it("finds the readers it knows about (the scan reaches the tree)", () => {
    expect(files.length).toBeGreaterThan(100);
    const names = readers.map(([file]) => file);
    for (const known of ["server/tickets/ticket-detail.ts", "server/tickets/ticket-lists.ts", "server/attachments/authorize-download.ts"]) {
      expect(names).toContain(known);
    }
  });

  it("has every reader apply the rule, or be on the allow-list with a reason", () => {
    const bypassing = readers.filter(([file, v]) => !v.appliesRule && !(file in messageReaderAllowList)).map(([file, v]) => `${file} (${v.evidence.join(", ")})`);
    expect(bypassing, "these modules read messages without visibleMessagesWhere/visibleMessageKinds/mayReadMessage from server/tickets/ticket-scope.ts").toEqual([]);
  });

  it("has no reader decide message kinds on its own", () => {
    const deciding = readers.filter(([file, v]) => v.decidesKinds && file !== ruleHome && !(file in messageReaderAllowList)).map(([file]) => file);
    expect(deciding, "use visibleMessagesWhere(viewer) instead of a kind list").toEqual([]);
  });

  it("keeps the allow-list honest: each entry exists and still reads messages", () => {
    for (const [file, reason] of Object.entries(messageReaderAllowList)) {
      expect(reason.length, file).toBeGreaterThan(20);
      expect(verdicts.get(file)?.reads, `${file} is allow-listed but no longer reads messages: drop it from the list`).toBe(true);
    }
  });

  it("defines the visible-message-kinds rule exactly once", () => {
    const definitions = files.filter((file) => /\bfunction\s+visibleMessageKinds\b|\bvisibleMessageKinds\s*=/.test(fs.readFileSync(path.join(root, file), "utf8")));
    expect(definitions).toEqual([ruleHome]);
    // A customer-only kind list (["public"]) anywhere else is a second copy of the rule.
    const copies = files.filter((file) => file !== ruleHome && /\[\s*["']public["']\s*\]/.test(fs.readFileSync(path.join(root, file), "utf8")));
    expect(copies).toEqual([]);
  });
});
