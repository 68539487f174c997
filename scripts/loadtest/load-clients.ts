/**
 * The load itself: signed-in clients (customers opening tickets through the
 * portal's tRPC mutation and reading the portal; staff reading the queue,
 * ticket pages and search, replying and writing internal notes) looping until
 * a deadline. Every write carries a marker of its own in its text and goes
 * into the ledger with whether the server acknowledged it, so the database
 * can be checked afterwards (see write-ledger.ts). Writes are never retried:
 * a retry is the client's own way of writing twice.
 */
import { BenchSession } from "../bench/bench-client";
import { DEMO_PASSWORD, type LoadAccounts } from "./load-database";

export const requestKinds = ["create", "reply", "note", "queue", "ticket", "search", "portal", "portal-ticket"] as const;
export type RequestKind = (typeof requestKinds)[number];
export type WriteKind = "create" | "reply" | "note";

export interface WriteRecord {
  marker: string;
  kind: WriteKind;
  /** The server answered 200 with a result: the write is promised. */
  acknowledged: boolean;
}

export interface LoadPlan {
  /** Clients are spread over these servers in turn. */
  baseUrls: string[];
  clients: number;
  /** How many of the clients are customers (the rest are staff). */
  customerClients: number;
  seconds: number;
  runId: string;
  accounts: LoadAccounts;
  /** Tickets staff may reply to at the start; tickets customers open join them. */
  ticketNumbers: number[];
  /** Tickets one customer may open in the run (the ticketCreation limit is 20 an hour). */
  creationsPerCustomer: number;
  /** Called once, when the load starts (after every client has signed in). */
  onStart?: () => void;
}

export interface LoadResult {
  seconds: number;
  samples: Map<RequestKind, number[]>;
  statuses: Map<RequestKind, Map<string, number>>;
  writes: WriteRecord[];
}

/** Tickets one customer may open in an hour (the ticketCreation rate limit): a run's budget per customer. */
export const CREATIONS_PER_CUSTOMER = 20;

/** The load test's default share of customers among the clients: about 30%, at least one. */
export function defaultCustomerClients(clients: number): number {
  return Math.max(1, Math.round(clients * 0.3));
}

const SEARCH_WORDS = ["invoice", "refund", "password", "delivery", "outage", "sso", "shipping", "charged twice"];
const QUEUE_PAGES = ["/desk", "/desk?view=open", "/desk?view=unassigned", "/desk?view=pending", "/desk?view=mine"];
const SIGN_IN_CONCURRENCY = 4;
/** After a refused connection (the crash test's restart), wait this long before the next request. */
const NETWORK_ERROR_PAUSE_MS = 250;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

export function markerPattern(runId: string): string {
  return `ltm${runId}c[0-9]+w[0-9]+`;
}

class Recorder {
  readonly samples = new Map<RequestKind, number[]>(requestKinds.map((kind) => [kind, []]));
  readonly statuses = new Map<RequestKind, Map<string, number>>(requestKinds.map((kind) => [kind, new Map()]));
  readonly writes: WriteRecord[] = [];

  /** Times one request; a status of "network" means no answer (refused, reset, timed out). */
  async request(kind: RequestKind, send: () => Promise<Response>): Promise<{ status: number | "network"; text: string }> {
    const started = performance.now();
    let status: number | "network";
    let text = "";
    try {
      const response = await send();
      text = await response.text();
      status = response.status;
    } catch {
      status = "network";
    }
    this.samples.get(kind)?.push(performance.now() - started);
    const counts = this.statuses.get(kind);
    counts?.set(String(status), (counts.get(String(status)) ?? 0) + 1);
    if (status === "network") await sleep(NETWORK_ERROR_PAUSE_MS);
    return { status, text };
  }
}

/** Runs `tasks` with at most `limit` at a time. */
async function inBatches<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < tasks.length; i += limit) results.push(...(await Promise.all(tasks.slice(i, i + limit).map((task) => task()))));
  return results;
}

function trpcBody(input: unknown): string {
  return JSON.stringify({ json: input });
}

function resultOf<T>(text: string): T | undefined {
  try {
    return (JSON.parse(text) as { result?: { data?: { json?: T } } }).result?.data?.json;
  } catch {
    return undefined;
  }
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const recorder = new Recorder();
  const pool = [...plan.ticketNumbers];
  const staffClients = plan.clients - plan.customerClients;
  if (plan.customerClients > plan.accounts.customers.length) throw new Error("Fewer customer accounts than customer clients.");

  // Each client signs in once, a few at a time (password hashing is slow on purpose).
  const signIns = Array.from({ length: plan.clients }, (_, i) => async () => {
    const baseUrl = plan.baseUrls[i % plan.baseUrls.length] as string;
    const email = i < plan.customerClients ? (plan.accounts.customers[i] as string) : (plan.accounts.staff[(i - plan.customerClients) % plan.accounts.staff.length] as string);
    return { index: i, customer: i < plan.customerClients, session: await BenchSession.signIn(baseUrl, email, DEMO_PASSWORD) };
  });
  const clients = await inBatches(signIns, SIGN_IN_CONCURRENCY);
  console.log(`Signed in ${plan.customerClients} customer and ${staffClients} staff client${staffClients === 1 ? "" : "s"}; load for ${plan.seconds} s…`);

  plan.onStart?.();
  const started = performance.now();
  const deadline = started + plan.seconds * 1000;
  const running = () => performance.now() < deadline;

  const customerLoop = async (index: number, session: BenchSession) => {
    const own: number[] = [];
    let created = 0;
    let sequence = 0;
    while (running()) {
      const share = (performance.now() - started) / (plan.seconds * 1000);
      // Spread the creation budget over the run rather than spending it at the start.
      if (created < plan.creationsPerCustomer && created < plan.creationsPerCustomer * share + 1 && Math.random() < 0.6) {
        const marker = `ltm${plan.runId}c${index}w${(sequence += 1)}`;
        const record: WriteRecord = { marker, kind: "create", acknowledged: false };
        recorder.writes.push(record);
        created += 1;
        const { status, text } = await recorder.request("create", () =>
          session.request(
            "POST",
            "/api/trpc/tickets.create",
            trpcBody({
              subject: `Load ticket ${marker}`,
              body: `The load test opened this ticket (${marker}). The invoice total looks wrong after the plan change.`,
              categoryId: pick(plan.accounts.categoryIds),
            }),
          ),
        );
        const ticket = status === 200 ? resultOf<{ number?: number }>(text) : undefined;
        if (ticket) {
          record.acknowledged = true;
          if (typeof ticket.number === "number") {
            own.push(ticket.number);
            pool.push(ticket.number);
          }
        }
      } else if (own.length > 0 && Math.random() < 0.5) {
        await recorder.request("portal-ticket", () => session.request("GET", `/tickets/${pick(own)}`));
      } else {
        await recorder.request("portal", () => session.request("GET", "/tickets"));
      }
    }
  };

  const staffLoop = async (index: number, session: BenchSession) => {
    let sequence = 0;
    while (running()) {
      const roll = Math.random() * 100;
      const number = pick(pool.slice(-200));
      if (roll < 25) await recorder.request("queue", () => session.request("GET", pick(QUEUE_PAGES)));
      else if (roll < 50) await recorder.request("ticket", () => session.request("GET", `/desk/tickets/${number}`));
      else if (roll < 65) await recorder.request("search", () => session.request("GET", `/desk?q=${encodeURIComponent(pick(SEARCH_WORDS))}`));
      else {
        const kind: WriteKind = roll < 83 ? "reply" : "note";
        const marker = `ltm${plan.runId}c${index}w${(sequence += 1)}`;
        const record: WriteRecord = { marker, kind, acknowledged: false };
        recorder.writes.push(record);
        const body =
          kind === "reply"
            ? `Thanks for the details (${marker}). We are looking into it and will come back to you shortly.`
            : `Internal note ${marker}: checked the logs, nothing unusual yet.`;
        const { status, text } = await recorder.request(kind, () =>
          session.request("POST", "/api/trpc/tickets.reply", trpcBody({ number, body, kind: kind === "reply" ? "public" : "internal" })),
        );
        if (status === 200 && resultOf(text) !== undefined) record.acknowledged = true;
      }
    }
  };

  await Promise.all(clients.map((client) => (client.customer ? customerLoop(client.index, client.session) : staffLoop(client.index, client.session))));
  return { seconds: (performance.now() - started) / 1000, samples: recorder.samples, statuses: recorder.statuses, writes: recorder.writes };
}
