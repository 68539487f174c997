/**
 * Where bulk rows go. On PostgreSQL: one COPY ... FROM STDIN stream per table,
 * all open at once (foreign keys are dropped during the load, see
 * ./bulk-indexes), fed in the text format with backpressure. On PGlite:
 * multi-row INSERTs in foreign-key order, a few hundred rows a statement.
 */
import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { sql } from "drizzle-orm";
import type { Sql } from "postgres";
import type { Db } from "@/db/types";
import { bulkColumns, bulkTables, type BulkRows, type BulkTable, type Cell, type Row } from "./ticket-life";

export interface RowSink {
  /** Takes one batch; resolves when the batch is written or buffered within limits. */
  write(rows: BulkRows): Promise<void>;
  finish(): Promise<void>;
}

export function emptyRows(): BulkRows {
  return { tickets: [], messages: [], ticket_events: [], ticket_slas: [], satisfaction_ratings: [] };
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_ALL = /[\\\t\n\r]/g;
const copyEscapes: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function arrayLiteral(items: string[]): string {
  return `{${items.map((item) => `"${item.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}

/** One value in COPY's text format. */
export function copyField(value: Cell): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  const text = Array.isArray(value) ? arrayLiteral(value) : value;
  return COPY_SPECIAL.test(text) ? text.replace(COPY_SPECIAL_ALL, (c) => copyEscapes[c] ?? c) : text;
}

function copyLines(rows: Row[]): string {
  let text = "";
  for (const row of rows) text += row.map(copyField).join("\t") + "\n";
  return text;
}

export async function copySink(client: Sql): Promise<RowSink> {
  const streams = new Map<BulkTable, Writable>();
  let failure: unknown = null;
  for (const table of bulkTables) {
    const stream = await client.unsafe(`copy ${table} (${bulkColumns[table].join(", ")}) from stdin`).writable();
    stream.on("error", (error) => (failure ??= error));
    streams.set(table, stream);
  }
  const check = () => {
    if (failure) throw failure;
  };
  return {
    async write(rows) {
      check();
      const waits: Promise<unknown>[] = [];
      for (const table of bulkTables) {
        const stream = streams.get(table);
        if (!stream || rows[table].length === 0) continue;
        if (!stream.write(copyLines(rows[table]))) waits.push(once(stream, "drain"));
      }
      await Promise.all(waits);
      check();
    },
    async finish() {
      check();
      await Promise.all(
        [...streams.values()].map(async (stream) => {
          stream.end();
          await finished(stream);
        }),
      );
      check();
    },
  };
}

/** Text for a bind parameter: arrays as literals (cast in SQL), everything else as the driver sends it. */
function insertValue(value: Cell) {
  return Array.isArray(value) ? sql`${arrayLiteral(value)}::text::text[]` : sql`${value}`;
}

export function insertSink(db: Db, rowsPerStatement = 400): RowSink {
  return {
    async write(rows) {
      // Tickets first: the other tables refer to them.
      for (const table of bulkTables) {
        const list = rows[table];
        const columns = sql.raw(bulkColumns[table].join(", "));
        for (let i = 0; i < list.length; i += rowsPerStatement) {
          const values = list.slice(i, i + rowsPerStatement).map((row) => sql`(${sql.join(row.map(insertValue), sql`, `)})`);
          await db.execute(sql`insert into ${sql.raw(table)} (${columns}) values ${sql.join(values, sql`, `)}`);
        }
      }
    },
    async finish() {},
  };
}
