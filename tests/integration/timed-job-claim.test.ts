/**
 * Timed jobs run once per interval across every app and worker process:
 * each process ticks on its own timer, and only the one that claims the pass
 * runs it.
 */
import { describe, expect, it } from "vitest";
import { claimTimedPass } from "@/server/jobs/timed-job-claim";
import { unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";

describe("timed-job passes", async () => {
  const { db } = await useTestDatabase();

  it("one of several processes ticking at once runs the pass; the others skip it", async () => {
    const job = unique("job");
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimTimedPass(db, job, 60_000)));
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await claimTimedPass(db, job, 60_000)).toBe(false);
  });

  it("the next pass is due once the interval has gone by", async () => {
    const job = unique("job");
    expect(await claimTimedPass(db, job, 300)).toBe(true);
    expect(await claimTimedPass(db, job, 300)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 350));
    const claims = await Promise.all(Array.from({ length: 4 }, () => claimTimedPass(db, job, 300)));
    expect(claims.filter(Boolean)).toHaveLength(1);
  });
});
