import type { Db } from "@/db/types";
import { startBackgroundLoop } from "@/server/background-loop";
import { autoCloseSolvedTickets } from "./auto-close";
import { sweepExpired } from "./sweeps";

/** One pass of the timed jobs; each is idempotent, so overlapping workers are harmless. */
export async function runTimedJobs(db: Db): Promise<{ closed: number }> {
  const closed = await autoCloseSolvedTickets(db);
  await sweepExpired(db);
  return { closed };
}

export function startTimedJobs(db: Db, options: { intervalMs?: number } = {}) {
  return startBackgroundLoop("Timed jobs", options.intervalMs ?? 60_000, async () => {
    const { closed } = await runTimedJobs(db);
    if (closed) console.log(`Auto-close: ${closed} solved ticket${closed === 1 ? "" : "s"} closed.`);
  });
}
