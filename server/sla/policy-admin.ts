/**
 * SLA policies as admins manage them. A policy sets first-response and/or
 * resolution targets (business minutes) for one priority, optionally narrowed
 * to a category and/or an organization; a ticket gets the most specific
 * policy matching it (server/sla/ticket-sla.ts), and changes reach it the
 * next time it is created or changed. One policy per scope: the
 * sla_policies_scope_key constraint backs the friendly check below.
 */
import "server-only";
import { and, asc, desc, eq, isNull, ne, sql } from "drizzle-orm";
import { categories, organizations, slaPolicies, type TicketPriority } from "@/db/schema";
import { single } from "@/db/rows";
import type { DbOrTx, Tx } from "@/db/types";
import { withUniqueConflict } from "@/server/admin/database-errors";
import { AppError } from "@/server/errors";

/** Urgent first; within a priority, the most specific scope first (the order a ticket is matched in). */
export function listPolicies(db: DbOrTx) {
  return db
    .select({
      id: slaPolicies.id,
      name: slaPolicies.name,
      priority: slaPolicies.priority,
      categoryId: slaPolicies.categoryId,
      categoryName: categories.name,
      categoryArchived: sql<boolean>`${categories.archivedAt} is not null`,
      organizationId: slaPolicies.organizationId,
      organizationName: organizations.name,
      firstResponseMinutes: slaPolicies.firstResponseMinutes,
      resolutionMinutes: slaPolicies.resolutionMinutes,
      pauseOnPending: slaPolicies.pauseOnPending,
      pauseOnHold: slaPolicies.pauseOnHold,
      updatedAt: slaPolicies.updatedAt,
    })
    .from(slaPolicies)
    .leftJoin(categories, eq(categories.id, slaPolicies.categoryId))
    .leftJoin(organizations, eq(organizations.id, slaPolicies.organizationId))
    .orderBy(
      desc(slaPolicies.priority),
      sql`${slaPolicies.organizationId} is not null desc`,
      sql`${slaPolicies.categoryId} is not null desc`,
      asc(organizations.name),
      asc(categories.name),
      asc(slaPolicies.name),
    );
}

/** What a policy can be narrowed to: categories in use and every organization, by name. */
export async function listPolicyScopeOptions(db: DbOrTx) {
  const [categoryRows, organizationRows] = await Promise.all([
    db
      .select({ id: categories.id, name: categories.name })
      .from(categories)
      .where(isNull(categories.archivedAt))
      .orderBy(asc(categories.position), asc(categories.name)),
    db.select({ id: organizations.id, name: organizations.name }).from(organizations).orderBy(asc(organizations.name)),
  ]);
  return { categories: categoryRows, organizations: organizationRows };
}

export interface PolicyFields {
  name: string;
  priority: TicketPriority;
  categoryId: string | null;
  organizationId: string | null;
  firstResponseMinutes: number | null;
  resolutionMinutes: number | null;
  pauseOnPending: boolean;
  pauseOnHold: boolean;
}

/** "urgent tickets from Acme in Billing", for messages about a scope. */
function scopeLabel(priority: TicketPriority, categoryName: string | null, organizationName: string | null) {
  return `${priority} tickets${organizationName ? ` from ${organizationName}` : ""}${categoryName ? ` in ${categoryName}` : ""}`;
}

/**
 * Checks the category (in use, unless the policy keeps the one it has) and the
 * organization exist, share-locking them until commit, and that no other
 * policy has the same scope.
 */
async function checkPolicyScope(tx: Tx, fields: PolicyFields, current?: { id: string; categoryId: string | null }) {
  let categoryName: string | null = null;
  let organizationName: string | null = null;
  if (fields.categoryId) {
    const [category] = await tx
      .select({ id: categories.id, name: categories.name, archivedAt: categories.archivedAt })
      .from(categories)
      .where(eq(categories.id, fields.categoryId))
      .for("share");
    if (!category) throw new AppError("INVALID", "That category no longer exists. Reload the page and choose another.");
    // A policy whose category was archived later can still be edited; new scopes need a category in use.
    if (category.archivedAt && category.id !== current?.categoryId) {
      throw new AppError("INVALID", `The category "${category.name}" is archived. Choose a category in use, or unarchive it first.`);
    }
    categoryName = category.name;
  }
  if (fields.organizationId) {
    const [organization] = await tx
      .select({ name: organizations.name })
      .from(organizations)
      .where(eq(organizations.id, fields.organizationId))
      .for("share");
    if (!organization) throw new AppError("INVALID", "That organization no longer exists. Reload the page and choose another.");
    organizationName = organization.name;
  }
  const [clash] = await tx
    .select({ name: slaPolicies.name })
    .from(slaPolicies)
    .where(
      and(
        eq(slaPolicies.priority, fields.priority),
        fields.categoryId ? eq(slaPolicies.categoryId, fields.categoryId) : isNull(slaPolicies.categoryId),
        fields.organizationId ? eq(slaPolicies.organizationId, fields.organizationId) : isNull(slaPolicies.organizationId),
        current ? ne(slaPolicies.id, current.id) : undefined,
      ),
    )
    .limit(1);
  if (clash) {
    const scope = scopeLabel(fields.priority, categoryName, organizationName);
    throw new AppError("CONFLICT", `The policy "${clash.name}" already sets targets for ${scope}. Edit that policy instead.`);
  }
}

// Another admin saved the same scope between the check and the write.
function withScopeConflict<T>(write: () => Promise<T>): Promise<T> {
  return withUniqueConflict(
    write,
    () => new AppError("CONFLICT", "Another policy was just saved for the same priority, category and organization. Reload the page and edit it instead."),
  );
}

function clean(fields: PolicyFields): PolicyFields {
  return { ...fields, name: fields.name.trim() };
}

export async function createPolicy(db: DbOrTx, input: PolicyFields) {
  const fields = clean(input);
  return withScopeConflict(() =>
    db.transaction(async (tx) => {
      await checkPolicyScope(tx, fields);
      return single(await tx.insert(slaPolicies).values(fields).returning(), "SLA policy");
    }),
  );
}

export async function updatePolicy(db: DbOrTx, input: PolicyFields & { id: string }) {
  const { id, ...rest } = input;
  const fields = clean(rest);
  return withScopeConflict(() =>
    db.transaction(async (tx) => {
      const [current] = await tx
        .select({ id: slaPolicies.id, categoryId: slaPolicies.categoryId })
        .from(slaPolicies)
        .where(eq(slaPolicies.id, id))
        .for("update");
      if (!current) throw policyGone();
      await checkPolicyScope(tx, fields, current);
      return single(await tx.update(slaPolicies).set({ ...fields, updatedAt: sql`now()` }).where(eq(slaPolicies.id, id)).returning(), "SLA policy");
    }),
  );
}

/** Tickets measured against it keep their clocks; they pick another policy when next changed. */
export async function deletePolicy(db: DbOrTx, input: { id: string }) {
  const [deleted] = await db.delete(slaPolicies).where(eq(slaPolicies.id, input.id)).returning({ id: slaPolicies.id, name: slaPolicies.name });
  if (!deleted) throw policyGone();
  return deleted;
}

function policyGone() {
  return new AppError("NOT_FOUND", "That SLA policy no longer exists. Reload the page.");
}
