import "server-only";
import { sql } from "drizzle-orm";
import { timedJobRuns } from "@/db/schema";
import type { Db } from "@/db/types";

/**
 * Whether this process should run the next pass of a timed-job loop. Every app
 * and worker process ticks on its own timer; the pass runs only in the one
 * that moves the loop's start time forward, and only once the interval has
 * (nearly) gone by since the last start — so the loop runs once per interval
 * whatever the number of processes, and another process takes over when the
 * one that usually wins stops. The small slack keeps timer jitter from
 * skipping a whole interval.
 */
export async function claimTimedPass(db: Db, job: string, intervalMs: number): Promise<boolean> {
  const minimumGapSeconds = (intervalMs * 0.8) / 1000;
  const claimed = await db
    .insert(timedJobRuns)
    .values({ job, lastStartedAt: sql`now()` })
    .onConflictDoUpdate({
      target: timedJobRuns.job,
      set: { lastStartedAt: sql`now()`, passes: sql`${timedJobRuns.passes} + 1` },
      setWhere: sql`${timedJobRuns.lastStartedAt} <= now() - make_interval(secs => ${minimumGapSeconds})`,
    })
    .returning({ passes: timedJobRuns.passes });
  return claimed.length > 0;
}
