import "server-only";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import type * as schema from "./schema";

type Schema = typeof schema;

/** The database, whichever driver is behind it (PGlite or postgres-js). */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** A transaction handle; domain functions accept either. */
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/**
 * What domain functions take: the database or a transaction. A transaction is
 * a PgDatabase too, so this is Db itself (a union would defeat inference).
 */
export type DbOrTx = Db;
