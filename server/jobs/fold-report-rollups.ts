import "server-only";
import { sql } from "drizzle-orm";
import { rowsOf } from "@/db/rows";
import type { Db } from "@/db/types";

/** Deltas folded per statement: a thousand new tickets write about 7,000, folded in about half a second. */
const BATCH = 10_000;

/**
 * Folds the report deltas the triggers wrote (quarter hours) into one row
 * per quarter hour, day and month and key (report_rollups_fold, migration
 * 0016), batch by batch until none are left. Reports read the same totals
 * before and after; folding only keeps them reading few rows (a delta is
 * read in every report whose span holds it). Returns the number of deltas folded.
 */
export async function foldReportRollups(db: Db, maxBatches = 50): Promise<number> {
  let total = 0;
  for (let batch = 0; batch < maxBatches; batch++) {
    const [row] = rowsOf<{ folded: number }>(await db.execute(sql`select report_rollups_fold(${BATCH}) as folded`));
    const folded = Number(row?.folded ?? 0);
    total += folded;
    if (folded < BATCH) break;
  }
  return total;
}
