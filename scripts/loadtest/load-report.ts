/**
 * What a load run prints: requests per second, p50/p95 and status counts per
 * kind of request, and the pass/fail checks, closing with the
 * "N passed, N failed" line that CI reads.
 */
import { percentile } from "../bench/bench-client";
import { requestKinds, type LoadResult } from "./load-clients";

export function printLoadTable(result: LoadResult): void {
  const all = [...result.samples.values()].flat();
  console.log(`\n${all.length} requests in ${result.seconds.toFixed(1)} s: ${(all.length / result.seconds).toFixed(1)} requests/s\n`);
  console.log("| kind | n | req/s | p50 ms | p95 ms | statuses |");
  console.log("|---|---:|---:|---:|---:|---|");
  for (const kind of requestKinds) {
    const samples = [...(result.samples.get(kind) ?? [])].sort((a, b) => a - b);
    if (samples.length === 0) continue;
    const statuses = [...(result.statuses.get(kind) ?? new Map<string, number>())]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([status, n]) => `${status}×${n}`)
      .join(" ");
    const ms = (share: number) => percentile(samples, share).toFixed(1);
    console.log(`| ${kind} | ${samples.length} | ${(samples.length / result.seconds).toFixed(1)} | ${ms(0.5)} | ${ms(0.95)} | ${statuses} |`);
  }
}

/** Responses by status class over every kind: "5xx" and "network" are the ones that fail a run. */
export function statusTotals(result: LoadResult): { serverErrors: number; networkErrors: number; byStatus: Map<string, number> } {
  const byStatus = new Map<string, number>();
  for (const counts of result.statuses.values()) for (const [status, n] of counts) byStatus.set(status, (byStatus.get(status) ?? 0) + n);
  let serverErrors = 0;
  for (const [status, n] of byStatus) if (/^5\d\d$/.test(status)) serverErrors += n;
  return { serverErrors, networkErrors: byStatus.get("network") ?? 0, byStatus };
}

/** Named pass/fail checks; `finish` prints them and sets the exit code. */
export class Checks {
  private readonly results: { name: string; ok: boolean; detail: string }[] = [];

  check(name: string, ok: boolean, detail = ""): boolean {
    this.results.push({ name, ok, detail });
    return ok;
  }

  get failed(): number {
    return this.results.filter((r) => !r.ok).length;
  }

  finish(): void {
    console.log("");
    for (const r of this.results) console.log(`${r.ok ? "PASS" : "FAIL"} ${r.name}${r.detail ? ` (${r.detail})` : ""}`);
    const passed = this.results.length - this.failed;
    console.log(`\n${passed} passed, ${this.failed} failed`);
    if (this.failed > 0) process.exitCode = 1;
  }
}
