import "server-only";
import { and, asc, eq, ilike, ne, or, sql } from "drizzle-orm";
import { organizations, users, type OrganizationDomainJoin } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx, Tx } from "@/db/types";
import { isUniqueViolation } from "@/server/admin/database-errors";
import { decodeNameCursor, encodeNameCursor } from "@/server/admin/name-cursor";
import { containsPattern } from "@/server/admin/search-pattern";
import { AppError, FIELD_ERRORS_MESSAGE, type FieldErrors } from "@/server/errors";
import type { Page } from "@/server/pagination";
import { memberCountsOf, organizationColumns, setOrganizationDomainJoin } from "./organization-membership";
import { setRecordCustomValues } from "./record-custom-values";
import type { SessionUser } from "./session-user";

/**
 * Organizations as records: read one, page through them, add one, change
 * one. How people join one by email domain lives beside this, in
 * organization-membership.ts; a change of join policy goes through it.
 * Names (ignoring case) and domains are unique, and a clash names its field.
 */

export interface OrganizationRecord {
  id: string;
  name: string;
  domain: string | null;
  domainJoin: OrganizationDomainJoin;
  sharesTickets: boolean;
  createdAt: Date;
  memberCount: number;
}

export interface OrganizationFields {
  name: string;
  /** The email domain (example.com) whose people may join; null for none. */
  domain: string | null;
  sharesTickets: boolean;
  domainJoin: OrganizationDomainJoin;
}

type OrganizationRow = Omit<OrganizationRecord, "memberCount">;

async function withMemberCounts(db: DbOrTx, rows: OrganizationRow[]): Promise<OrganizationRecord[]> {
  const counts = await memberCountsOf(
    db,
    rows.map((row) => row.id),
  );
  return rows.map((row) => ({ ...row, memberCount: counts.get(row.id) ?? 0 }));
}

export async function findOrganization(db: DbOrTx, id: string): Promise<OrganizationRecord> {
  const [row] = await db.select(organizationColumns).from(organizations).where(eq(organizations.id, id));
  if (!row) throw new AppError("NOT_FOUND", "This organization does not exist.");
  return single(await withMemberCounts(db, [row]), "organization");
}

/** Organizations by name, paged by (name, id) keyset; `query` matches the name or the domain. */
export async function listOrganizationPage(db: DbOrTx, input: { query?: string; cursor?: string; limit: number }): Promise<Page<OrganizationRecord>> {
  const after = input.cursor ? decodeNameCursor(input.cursor) : null;
  const query = input.query?.trim();
  const rows = await db
    .select(organizationColumns)
    .from(organizations)
    .where(
      and(
        query ? or(ilike(organizations.name, containsPattern(query)), ilike(organizations.domain, containsPattern(query))) : undefined,
        after ? sql`(${organizations.name}, ${organizations.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(organizations.name), asc(organizations.id))
    .limit(input.limit + 1);
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items: await withMemberCounts(db, items),
    nextCursor: rows.length > input.limit && last ? encodeNameCursor({ name: last.name, id: last.id }) : null,
  };
}

/** Throws a conflict naming each field whose value another organization already has. */
async function ensureFree(db: DbOrTx, fields: { name?: string; domain?: string | null }, exceptId?: string): Promise<void> {
  const other = exceptId ? ne(organizations.id, exceptId) : undefined;
  const fieldErrors: FieldErrors = {};
  if (fields.name !== undefined) {
    const [taken] = await db.select({ name: organizations.name }).from(organizations).where(and(sql`lower(${organizations.name}) = lower(${fields.name})`, other)).limit(1);
    if (taken) fieldErrors.name = [`An organization named "${taken.name}" already exists.`];
  }
  if (fields.domain) {
    const [taken] = await db.select({ name: organizations.name }).from(organizations).where(and(eq(organizations.domain, fields.domain), other)).limit(1);
    if (taken) fieldErrors.domain = [`${fields.domain} is already the domain of ${taken.name}.`];
  }
  const messages = Object.values(fieldErrors).flat();
  if (messages.length > 0) throw new AppError("CONFLICT", messages.length === 1 ? String(messages[0]) : FIELD_ERRORS_MESSAGE, { fieldErrors });
}

/** Runs a write; a unique violation (a race past the pre-check) is reported on its field, as the pre-check would have. */
async function withFieldConflicts<T>(db: DbOrTx, fields: { name?: string; domain?: string | null }, exceptId: string | undefined, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    await ensureFree(db, fields, exceptId);
    throw new AppError("CONFLICT", "Another organization has this name or domain.", { fieldErrors: { name: ["Check this name."], domain: ["Check this domain."] } });
  }
}

const cleanName = (name: string) => name.trim();
const cleanDomain = (domain: string | null) => domain?.trim().toLowerCase() || null;

export async function createOrganization(db: DbOrTx, input: OrganizationFields): Promise<OrganizationRecord> {
  const fields = { ...input, name: cleanName(input.name), domain: cleanDomain(input.domain) };
  await ensureFree(db, fields);
  // In a transaction of its own, so a unique violation leaves a caller's transaction usable.
  const row = await withFieldConflicts(db, fields, undefined, () =>
    db.transaction(async (tx) => single(await tx.insert(organizations).values(fields).returning(organizationColumns), "organization")),
  );
  return { ...row, memberCount: 0 };
}

/**
 * Changes the given fields, all of them or (on any refusal) none. A new
 * domain also ends every pending request to join (they were matched by the
 * old one), as switching domain joins off does; the policy itself changes
 * through setOrganizationDomainJoin. Custom values (by key, null clears one)
 * go through the one validation, for `actor`.
 */
export async function updateOrganization(
  db: DbOrTx,
  actor: Pick<SessionUser, "role">,
  input: { id: string; customFields?: Readonly<Record<string, unknown>> } & Partial<OrganizationFields>,
): Promise<OrganizationRecord> {
  const fields = {
    ...(input.name !== undefined ? { name: cleanName(input.name) } : {}),
    ...(input.domain !== undefined ? { domain: cleanDomain(input.domain) } : {}),
    ...(input.sharesTickets !== undefined ? { sharesTickets: input.sharesTickets } : {}),
  };
  return withFieldConflicts(db, fields, input.id, () =>
    db.transaction(async (tx) => {
      const current = await lockOrganization(tx, input.id);
      await ensureFree(tx, fields, input.id);
      if (Object.keys(fields).length > 0) await tx.update(organizations).set(fields).where(eq(organizations.id, input.id));
      if (fields.domain !== undefined && fields.domain !== current.domain) {
        await tx.update(users).set({ pendingOrganizationId: null, updatedAt: new Date() }).where(eq(users.pendingOrganizationId, input.id));
      }
      if (input.domainJoin !== undefined) await setOrganizationDomainJoin(tx, { organizationId: input.id, domainJoin: input.domainJoin });
      if (input.customFields !== undefined) await setRecordCustomValues(tx, actor, "organization", input.id, input.customFields);
      return findOrganization(tx, input.id);
    }),
  );
}

async function lockOrganization(tx: Tx, id: string) {
  const [row] = await tx.select({ domain: organizations.domain }).from(organizations).where(eq(organizations.id, id)).for("update");
  if (!row) throw new AppError("NOT_FOUND", "This organization does not exist.");
  return row;
}
