import "server-only";
import type { Db } from "@/db/types";
import { assignStrandedTickets } from "@/server/assignment/auto-assign";
import { startBackgroundLoop } from "@/server/background-loop";
import { env } from "@/server/env";
import { reportSlaBreaches } from "@/server/sla/sla-breaches";
import { autoCloseSolvedTickets } from "./auto-close";
import { claimTimedPass } from "./timed-job-claim";
import { foldReportRollups } from "./fold-report-rollups";
import { sweepExpired } from "./sweeps";

/** One pass of the timed jobs; each is also idempotent, so a pass that overlaps another is harmless. */
export async function runTimedJobs(db: Db): Promise<{ closed: number; breaches: number }> {
  const closed = await autoCloseSolvedTickets(db);
  const breaches = await reportSlaBreaches(db);
  await sweepExpired(db);
  await assignStrandedTickets(db);
  await foldReportRollups(db);
  return { closed, breaches };
}

/** Runs the timed jobs every interval; with several processes, one of them runs each pass. */
export function startTimedJobs(db: Db, options: { intervalMs?: number } = {}) {
  const intervalMs = options.intervalMs ?? env.TIMED_JOBS_INTERVAL_SECONDS * 1000;
  return startBackgroundLoop("Timed jobs", intervalMs, async () => {
    if (!(await claimTimedPass(db, "timed-jobs", intervalMs))) return;
    const { closed, breaches } = await runTimedJobs(db);
    if (closed) console.log(`Auto-close: ${closed} solved ticket${closed === 1 ? "" : "s"} closed.`);
    if (breaches) console.log(`SLA: ${breaches} breach${breaches === 1 ? "" : "es"} reported.`);
  });
}
