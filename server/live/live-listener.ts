import "server-only";
import crypto from "node:crypto";
import type { PGlite } from "@electric-sql/pglite";
import { sql as drizzleSql } from "drizzle-orm";
import type { Sql } from "postgres";
import type { Db } from "@/db/types";
import { env } from "@/server/env";
import { createLiveHub, type LiveHub } from "./live-hub";
import { LIVE_CHANNEL, parseLiveNotice } from "./live-signal";

/**
 * The one LISTEN of an app process, feeding its hub. On PGlite, the embedded
 * database's own LISTEN (in-process, one connection). On PostgreSQL, one
 * dedicated connection; postgres-js re-listens by itself after a dropped
 * connection, and when it cannot (the database was still down) the
 * listener notices: when the channel has been quiet for a while it sends
 * itself a ping through the app's pool, and a ping that does not come back
 * means the LISTEN is gone, so it starts a fresh one (retrying until the
 * database is back). Either way streams are then told to resync, because
 * notices sent meanwhile were lost.
 */
const QUIET_MS = 10_000;
const PING_TIMEOUT_MS = 5_000;
const CHECK_EVERY_MS = 2_500;
const MAX_RETRY_MS = 10_000;

/** How the listening connection names itself in pg_stat_activity. */
export const LISTENER_APPLICATION_NAME = `frontdesk-live-${process.pid}`;

interface RunningListener {
  hub: LiveHub;
  stop: () => Promise<void>;
}

/** Keyed by the database client, so a hot reload or a second test database gets its own. */
const registry = globalThis as unknown as { __frontdeskLiveListeners?: WeakMap<object, Promise<RunningListener>> };

function clientOf(db: Db): object {
  const client: unknown = "$client" in db ? db.$client : null;
  if ((typeof client !== "object" && typeof client !== "function") || client === null) {
    throw new Error("The live listener needs a database opened by db/client.ts.");
  }
  return client;
}

/** The hub of this process for this database, listening from the first call on. */
export async function liveHubFor(db: Db): Promise<LiveHub> {
  const listeners = (registry.__frontdeskLiveListeners ??= new WeakMap());
  const client = clientOf(db);
  let running = listeners.get(client);
  if (!running) {
    running = startListener(db, client).catch((error: unknown) => {
      listeners.delete(client);
      throw error;
    });
    listeners.set(client, running);
  }
  return (await running).hub;
}

/** Stops listening (tests, and a server shutting down). */
export async function stopLiveListener(db: Db): Promise<void> {
  const listeners = registry.__frontdeskLiveListeners;
  const client = clientOf(db);
  const running = listeners?.get(client);
  listeners?.delete(client);
  if (running) await (await running).stop();
}

async function startListener(db: Db, client: object): Promise<RunningListener> {
  const hub = createLiveHub();
  const deliver = (payload: string) => {
    const notice = parseLiveNotice(payload);
    if (notice) hub.publish(notice);
  };
  const { PGlite } = await import("@electric-sql/pglite");
  if (client instanceof PGlite) return listenOnPglite(client, hub, deliver);
  // Not PGlite, so server/db.ts opened DATABASE_URL with postgres-js.
  if (!env.DATABASE_URL) throw new Error("The live listener found a PostgreSQL client but no DATABASE_URL.");
  return listenOnPostgres(env.DATABASE_URL, db, hub, deliver);
}

async function listenOnPglite(client: PGlite, hub: LiveHub, deliver: (payload: string) => void): Promise<RunningListener> {
  const unlisten = await client.listen(LIVE_CHANNEL, deliver);
  return { hub, stop: () => (client.closed ? Promise.resolve() : unlisten()) };
}

async function listenOnPostgres(url: string, db: Db, hub: LiveHub, deliver: (payload: string) => void): Promise<RunningListener> {
  const { default: postgres } = await import("postgres");
  const ping = `ping ${crypto.randomUUID()}`;
  let connection: Sql | null = null;
  let heardAt = Date.now();
  let pingSentAt: number | null = null;
  let restarting = false;
  let stopped = false;

  const onPayload = (payload: string) => {
    heardAt = Date.now();
    if (payload === ping) pingSentAt = null;
    else deliver(payload);
  };

  async function open(): Promise<void> {
    const next = postgres(url, { max: 1, onnotice: () => {}, connection: { application_name: LISTENER_APPLICATION_NAME } });
    let first = true;
    try {
      await next.listen(LIVE_CHANNEL, onPayload, () => {
        // Called again after postgres-js re-listened on a new connection: notices in between are lost.
        if (!first) hub.gap();
        first = false;
      });
    } catch (error) {
      await next.end({ timeout: 0 }).catch(() => {});
      throw error;
    }
    connection = next;
  }

  async function restart(): Promise<void> {
    restarting = true;
    const old = connection;
    connection = null;
    await old?.end({ timeout: 0 }).catch(() => {});
    for (let attempt = 0; !stopped; attempt += 1) {
      try {
        await open();
        break;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, Math.min(500 * 2 ** attempt, MAX_RETRY_MS)));
      }
    }
    heardAt = Date.now();
    pingSentAt = null;
    restarting = false;
    if (!stopped) hub.gap();
  }

  function check(): void {
    if (restarting || stopped) return;
    const now = Date.now();
    if (pingSentAt !== null) {
      if (now - pingSentAt > PING_TIMEOUT_MS) void restart();
      return;
    }
    if (now - heardAt < QUIET_MS) return;
    pingSentAt = now;
    // A failed ping (database down) simply goes unanswered, which starts the restart.
    db.execute(drizzleSql`select pg_notify(${LIVE_CHANNEL}, ${ping})`).catch(() => {});
  }

  await open();
  const timer = setInterval(check, CHECK_EVERY_MS);
  timer.unref();
  return {
    hub,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await connection?.end({ timeout: 0 });
    },
  };
}
