/**
 * Statements the app repeats are prepared once per connection on PostgreSQL
 * (db/prepare-repeats.ts); statements whose text is new each time, or whose
 * parameter list is long, never are, so no connection grows without end.
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "@/db/rows";
import type { Db } from "@/db/types";
import { onPostgres, useTestDatabase } from "../support/test-db";

describe.runIf(onPostgres)("prepared statements on PostgreSQL", async () => {
  const { db } = await useTestDatabase();

  /** The statements prepared on the transaction's connection whose text contains the marker. */
  async function preparedWith(tx: Db, marker: string): Promise<string[]> {
    const rows = rowsOf<{ statement: string }>(await tx.execute(sql`select statement from pg_prepared_statements`));
    return rows.map((row) => row.statement).filter((statement) => statement.includes(marker));
  }

  it("prepares a repeated statement from its third use, with custom plans, and gives the same answers", async () => {
    await db.transaction(async (tx) => {
      const marker = `repeat_${Date.now()}`;
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(rowsOf<{ n: number }>(await tx.execute(sql`select ${i}::int + 1 as n, ${marker}::text as ${sql.raw(marker)}`)));
      expect(answers.map((rows) => rows[0]?.n)).toEqual([1, 2, 3, 4, 5]);
      expect(await preparedWith(tx as unknown as Db, marker)).toHaveLength(1);
      expect(rowsOf<{ plan_cache_mode: string }>(await tx.execute(sql`show plan_cache_mode`))[0]?.plan_cache_mode).toBe("force_custom_plan");
    });
  });

  it("never prepares a statement whose text changes each time, or one with a long parameter list", async () => {
    await db.transaction(async (tx) => {
      const marker = `unique_${Date.now()}`;
      for (let i = 0; i < 5; i++) await tx.execute(sql`select ${i}::int as n, ${sql.raw(`'${marker}_${i}'`)} as label`);
      const long = `long_${Date.now()}`;
      const values = Array.from({ length: 65 }, (_, i) => i);
      for (let i = 0; i < 5; i++) await tx.execute(sql`select ${sql.raw(`'${long}'`)} as label, ${i}::int = any(array[${sql.join(values.map((v) => sql`${v}::int`), sql`, `)}]) as hit`);
      expect(await preparedWith(tx as unknown as Db, marker)).toEqual([]);
      expect(await preparedWith(tx as unknown as Db, long)).toEqual([]);
    });
  });
});
