/**
 * Loading millions of rows into tables without their indexes and foreign
 * keys, then building those once, is several times faster than maintaining
 * them row by row (the GIN index over message bodies above all). The
 * definitions are read from the catalog before they are dropped and replayed
 * verbatim afterwards, so the schema ends exactly as the migrations made it;
 * `restore` checks that and throws if anything differs.
 */
import type { Sql } from "postgres";

interface SchemaItem {
  table: string;
  name: string;
  kind: "constraint" | "foreign_key" | "index";
  definition: string;
}

export interface IndexRestore {
  /**
   * Rebuilds everything that was dropped, two statements at a time, calling `onStep` before each;
   * resolves to what appeared meanwhile (a migration run during the load), if anything.
   */
  restore(onStep: (name: string, done: number, total: number) => void): Promise<string[]>;
}

/** Constraints and indexes on the given tables, and foreign keys that point at them. */
export async function schemaItems(client: Sql, tables: readonly string[]): Promise<SchemaItem[]> {
  const rows = await client.unsafe<{ table: string; name: string; kind: SchemaItem["kind"]; definition: string }[]>(
    `
    select c.conrelid::regclass::text as table, c.conname as name,
           case when c.contype = 'f' then 'foreign_key' else 'constraint' end as kind,
           pg_get_constraintdef(c.oid) as definition
    from pg_constraint c
    where c.contype in ('p', 'u', 'f')
      and (c.conrelid::regclass::text = any($1) or (c.contype = 'f' and c.confrelid::regclass::text = any($1)))
    union all
    select i.indrelid::regclass::text, i.indexrelid::regclass::text, 'index', pg_get_indexdef(i.indexrelid)
    from pg_index i
    where i.indrelid::regclass::text = any($1)
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid and c.contype in ('p', 'u'))
    order by 1, 2`,
    [tables as string[]],
  );
  return rows.map((r) => ({ table: r.table, name: r.name, kind: r.kind, definition: r.definition }));
}

const fingerprint = (items: SchemaItem[]) => items.map((i) => `${i.table} ${i.kind} ${i.name}: ${i.definition}`).sort();

export async function dropIndexesForLoad(client: Sql, tables: readonly string[], tableSizes: Record<string, number>): Promise<IndexRestore> {
  const before = await schemaItems(client, tables);
  const foreignKeys = before.filter((i) => i.kind === "foreign_key");
  const indexes = before.filter((i) => i.kind === "index");
  const constraints = before.filter((i) => i.kind === "constraint");
  for (const fk of foreignKeys) await client.unsafe(`alter table ${fk.table} drop constraint ${fk.name}`);
  for (const index of indexes) await client.unsafe(`drop index ${index.name}`);
  for (const constraint of constraints) await client.unsafe(`alter table ${constraint.table} drop constraint ${constraint.name}`);

  return {
    async restore(onStep) {
      const total = before.length;
      let done = 0;
      // Keys first (foreign keys need them), biggest tables first so the two workers finish together.
      const size = (item: SchemaItem) => (tableSizes[item.table] ?? 0) * (item.definition.includes("USING gin") ? 4 : 1);
      const queue = [...constraints, ...indexes.sort((a, b) => size(b) - size(a))];
      const worker = async () => {
        const connection = await client.reserve();
        try {
          await connection.unsafe("set maintenance_work_mem = '1GB'");
          for (let item = queue.shift(); item; item = queue.shift()) {
            onStep(item.name, done, total);
            await connection.unsafe(item.kind === "index" ? item.definition : `alter table ${item.table} add constraint ${item.name} ${item.definition}`);
            done += 1;
          }
        } finally {
          connection.release();
        }
      };
      await Promise.all([worker(), worker()]);
      // One at a time: each validation locks both tables.
      for (const fk of foreignKeys) {
        onStep(fk.name, done, total);
        await client.unsafe(`alter table ${fk.table} add constraint ${fk.name} ${fk.definition}`);
        done += 1;
      }
      // Everything dropped must be back as it was. Something extra can only come from a
      // migration applied by someone else during the load, which is theirs to keep.
      const after = fingerprint(await schemaItems(client, tables));
      const missing = fingerprint(before).filter((line) => !after.includes(line));
      if (missing.length > 0) throw new Error(`The rebuilt schema lacks what the migrations made:\n${missing.join("\n")}`);
      return after.filter((line) => !fingerprint(before).includes(line));
    },
  };
}
