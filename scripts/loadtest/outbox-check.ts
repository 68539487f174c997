/**
 * Outbox delivery as a recipient sees it: after the load, every email queued
 * since `since` must end `sent`, reach the mail receiver exactly once (one
 * delivery per idempotency key), and no notification may have been queued
 * twice for the same message, template and recipient.
 */
import type postgres from "postgres";
import type { MailReceiver } from "./mail-receiver";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until nothing queued since `since` is pending or being sent; false if `timeoutMs` passed first. */
export async function waitForOutboxDrained(sql: postgres.Sql, since: Date, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from outbox where created_at >= ${since} and status in ('pending', 'sending')`;
    if ((row?.n ?? 0) === 0) return true;
    if (Date.now() > deadline) return false;
    await sleep(1000);
  }
}

export interface OutboxCheck {
  queued: number;
  notSent: string[];
  /** Sent rows whose idempotency key never reached the receiver. */
  undelivered: string[];
  /** Deliveries for keys that no outbox row has. */
  strangers: string[];
  /** Keys posted more than once (retries the receiver answered from its idempotency cache). */
  reposted: Map<string, number>;
  /** The same message, template and recipient queued more than once. */
  doubleQueued: string[];
}

export async function checkOutbox(sql: postgres.Sql, since: Date, receiver: MailReceiver): Promise<OutboxCheck> {
  const rows = await sql<{ key: string; status: string; template: string }[]>`
    select idempotency_key as key, status::text as status, template from outbox where created_at >= ${since}`;
  const allKeys = new Set((await sql<{ key: string }[]>`select idempotency_key as key from outbox`).map((r) => r.key));
  const delivered = new Set(receiver.deliveries);
  const doubled = await sql<{ what: string }[]>`
    select template || ' to ' || to_address || ' for message ' || ticket_message_id || ' ×' || count(*) as what
    from outbox where created_at >= ${since} and ticket_message_id is not null
    group by template, to_address, ticket_message_id having count(*) > 1`;
  return {
    queued: rows.length,
    notSent: rows.filter((r) => r.status !== "sent").map((r) => `${r.template} ${r.key} (${r.status})`),
    undelivered: rows.filter((r) => r.status === "sent" && !delivered.has(r.key)).map((r) => `${r.template} ${r.key}`),
    strangers: receiver.deliveries.filter((key) => !allKeys.has(key)),
    reposted: new Map([...receiver.posts].filter(([key, n]) => n > 1 && rows.some((r) => r.key === key))),
    doubleQueued: doubled.map((r) => r.what),
  };
}

export function describeOutbox(check: OutboxCheck, receiver: MailReceiver): string {
  const list = (items: string[]) => (items.length === 0 ? "0" : `${items.length}: ${items.slice(0, 5).join("; ")}${items.length > 5 ? "; …" : ""}`);
  const posts = [...receiver.posts.values()].reduce((a, b) => a + b, 0);
  return [
    `Emails queued during the test: ${check.queued}; the receiver got ${posts} requests and delivered ${receiver.deliveries.length} distinct emails.`,
    `Not sent at the end: ${list(check.notSent)}`,
    `Sent but never delivered: ${list(check.undelivered)}`,
    `Delivered without an outbox row: ${list(check.strangers)}`,
    `Queued twice: ${list(check.doubleQueued)}`,
    `Posted more than once (same key, delivered once): ${check.reposted.size}`,
  ].join("\n");
}
