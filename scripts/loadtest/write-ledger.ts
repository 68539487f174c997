/**
 * Checks the database against the clients' ledger of writes: every write the
 * server acknowledged is stored exactly once (a ticket with its first message,
 * a reply, a note, each of the right kind); a write that got no answer is
 * stored at most once; and nothing carries a marker that no client wrote.
 */
import type postgres from "postgres";
import { markerPattern, type WriteKind, type WriteRecord } from "./load-clients";
import type { Checks } from "./load-report";

export interface LedgerCheck {
  acknowledged: number;
  unacknowledged: number;
  /** Unacknowledged writes that were stored anyway (allowed: the answer was lost, not the write). */
  unacknowledgedStored: number;
  lost: string[];
  duplicated: string[];
  wrongKind: string[];
  unexpected: string[];
}

const expectedKind: Record<WriteKind, string> = { create: "public", reply: "public", note: "internal" };

export async function checkLedger(sql: postgres.Sql, runId: string, writes: WriteRecord[]): Promise<LedgerCheck> {
  const pattern = markerPattern(runId);
  const like = `%ltm${runId}c%`;
  const messageRows = await sql<{ marker: string; n: number; kinds: string[] }[]>`
    select found[1] as marker, count(*)::int as n, array_agg(distinct m.kind::text) as kinds
    from messages m, regexp_matches(m.body, ${pattern}, 'g') as found
    where m.body like ${like}
    group by 1`;
  const ticketRows = await sql<{ marker: string; n: number }[]>`
    select found[1] as marker, count(*)::int as n
    from tickets t, regexp_matches(t.subject, ${pattern}, 'g') as found
    where t.subject like ${like}
    group by 1`;
  const messages = new Map(messageRows.map((row) => [row.marker, row]));
  const tickets = new Map(ticketRows.map((row) => [row.marker, row.n]));

  const check: LedgerCheck = { acknowledged: 0, unacknowledged: 0, unacknowledgedStored: 0, lost: [], duplicated: [], wrongKind: [], unexpected: [] };
  const known = new Set<string>();
  for (const write of writes) {
    known.add(write.marker);
    const stored = messages.get(write.marker);
    const counts = [stored?.n ?? 0, ...(write.kind === "create" ? [tickets.get(write.marker) ?? 0] : [])];
    if (write.acknowledged) {
      check.acknowledged += 1;
      if (counts.some((n) => n === 0)) check.lost.push(`${write.kind} ${write.marker}`);
    } else {
      check.unacknowledged += 1;
      if (counts.some((n) => n > 0)) check.unacknowledgedStored += 1;
    }
    if (counts.some((n) => n > 1)) check.duplicated.push(`${write.kind} ${write.marker} (${counts.join("/")})`);
    if (stored && stored.kinds.some((kind) => kind !== expectedKind[write.kind])) check.wrongKind.push(`${write.kind} ${write.marker} stored as ${stored.kinds.join(", ")}`);
  }
  for (const marker of new Set([...messages.keys(), ...tickets.keys()])) if (!known.has(marker)) check.unexpected.push(marker);
  return check;
}

export function describeLedger(check: LedgerCheck): string {
  const list = (items: string[]) => (items.length === 0 ? "0" : `${items.length}: ${items.slice(0, 10).join("; ")}${items.length > 10 ? "; …" : ""}`);
  return [
    `Writes acknowledged: ${check.acknowledged}; not acknowledged: ${check.unacknowledged} (${check.unacknowledgedStored} of them stored anyway, at most once each).`,
    `Lost acknowledged writes: ${list(check.lost)}`,
    `Duplicated writes: ${list(check.duplicated)}`,
    `Stored with the wrong kind: ${list(check.wrongKind)}`,
    `Markers no client wrote: ${list(check.unexpected)}`,
  ].join("\n");
}

/** The checks every scenario makes of its writes: some of each kind acknowledged, none lost, doubled, mis-filed or invented. */
export function checkWrites(checks: Checks, writes: WriteRecord[], ledger: LedgerCheck): void {
  for (const kind of ["create", "reply", "note"] as const) {
    const acknowledged = writes.filter((w) => w.kind === kind && w.acknowledged).length;
    checks.check(`some ${kind} writes acknowledged`, acknowledged > 0, `${acknowledged}`);
  }
  checks.check("no acknowledged write lost", ledger.lost.length === 0, `${ledger.lost.length}`);
  checks.check("no write stored twice", ledger.duplicated.length === 0, `${ledger.duplicated.length}`);
  checks.check("replies public, notes internal", ledger.wrongKind.length === 0, `${ledger.wrongKind.length}`);
  checks.check("no write the clients did not make", ledger.unexpected.length === 0, `${ledger.unexpected.length}`);
}
