import "server-only";
import type { OrganizationRecord } from "./organizations";
import { and, asc, count, eq, inArray, isNotNull, isNull } from "drizzle-orm";
import { organizations, users, type OrganizationDomainJoin } from "@/db/schema";
import type { DbOrTx } from "@/db/types";
import { listFieldDefinitions } from "@/server/custom-fields/field-definitions";
import { AppError } from "@/server/errors";
import { fieldViewsOf, type RecordFieldView } from "./record-custom-values";
import type { SessionUser } from "./session-user";

/**
 * Organization membership by email domain. Anyone can type any address, so a
 * matching domain alone never makes someone a member (a member reads every
 * ticket the organization shares): it makes them *pending*, and the
 * organization's `domainJoin` says what confirms them — the address proven
 * by an emailed link ("verified_email"), an admin ("admin_approval"), or
 * nothing ("off": no one joins by domain). Only users.organization_id gives
 * reach; pending_organization_id gives none.
 */

export interface DomainMembership {
  organizationId: null;
  pendingOrganizationId: string | null;
}

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/** What a new account at this address starts with: never a membership, at most a pending one. */
export async function membershipForNewAccount(db: DbOrTx, email: string): Promise<DomainMembership & { organizationName: string | null }> {
  const [organization] = await db
    .select({ id: organizations.id, name: organizations.name, domainJoin: organizations.domainJoin })
    .from(organizations)
    .where(eq(organizations.domain, domainOf(email)))
    .limit(1);
  if (!organization || organization.domainJoin === "off") return { organizationId: null, pendingOrganizationId: null, organizationName: null };
  return { organizationId: null, pendingOrganizationId: organization.id, organizationName: organization.name };
}

export type AddressConfirmation = { joined: string | null; awaitingApproval: string | null };

/**
 * The person proved they read this address (an emailed link came back):
 * records it, and joins the pending organization when its policy is
 * "verified_email" and the address is still at its domain.
 */
export async function confirmEmailAddress(db: DbOrTx, userId: string): Promise<AddressConfirmation> {
  const [row] = await db
    .select({
      email: users.email,
      emailVerified: users.emailVerified,
      pendingOrganizationId: users.pendingOrganizationId,
      organizationName: organizations.name,
      domain: organizations.domain,
      domainJoin: organizations.domainJoin,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.pendingOrganizationId))
    .where(eq(users.id, userId));
  if (!row) throw new AppError("NOT_FOUND", "This account no longer exists.");
  const joins = row.pendingOrganizationId !== null && row.domainJoin === "verified_email" && row.domain === domainOf(row.email);
  await db
    .update(users)
    .set({
      emailVerified: row.emailVerified ?? new Date(),
      ...(joins ? { organizationId: row.pendingOrganizationId, pendingOrganizationId: null } : {}),
      updatedAt: new Date(),
    })
    .where(eq(users.id, userId));
  return {
    joined: joins ? row.organizationName : null,
    awaitingApproval: !joins && row.pendingOrganizationId && row.domainJoin === "admin_approval" ? row.organizationName : null,
  };
}

export interface OrganizationForAdmin extends OrganizationRecord {
  pending: { id: string; name: string; email: string; verified: boolean; createdAt: Date }[];
  /** Its custom fields as the admin fills them in. */
  fields: RecordFieldView[];
}

// Past a few hundred waiting people, this page would want paging.
const maxPendingListed = 200;

/** An organization's own columns, for any select on `organizations`. */
export const organizationColumns = {
  id: organizations.id,
  name: organizations.name,
  domain: organizations.domain,
  domainJoin: organizations.domainJoin,
  sharesTickets: organizations.sharesTickets,
  createdAt: organizations.createdAt,
};

/** Every organization with its join policy, its member count, who waits to join it and its custom fields. */
export async function listOrganizationsForAdmin(db: DbOrTx, viewer: Pick<SessionUser, "role">): Promise<OrganizationForAdmin[]> {
  const [rows, memberCounts, pending, fields] = await Promise.all([
    db
      .select({ ...organizationColumns, customValues: organizations.customValues })
      .from(organizations)
      .orderBy(asc(organizations.name)),
    memberCountsOf(db),
    db
      .select({
        id: users.id,
        name: users.name,
        email: users.email,
        emailVerified: users.emailVerified,
        createdAt: users.createdAt,
        organizationId: users.pendingOrganizationId,
      })
      .from(users)
      .where(and(isNotNull(users.pendingOrganizationId), isNull(users.disabledAt)))
      .orderBy(asc(users.createdAt))
      .limit(maxPendingListed),
    listFieldDefinitions(db, "organization"),
  ]);
  return rows.map(({ customValues, ...row }) => ({
    ...row,
    fields: fieldViewsOf(fields, customValues, viewer),
    memberCount: memberCounts.get(row.id) ?? 0,
    pending: pending
      .filter((person) => person.organizationId === row.id)
      .map(({ id, name, email, emailVerified, createdAt }) => ({ id, name, email, verified: emailVerified !== null, createdAt })),
  }));
}

/** Confirmed members per organization (pending people are not members): of these organizations, or of all. */
export async function memberCountsOf(db: DbOrTx, organizationIds?: string[]): Promise<Map<string, number>> {
  if (organizationIds?.length === 0) return new Map();
  // Counted apart: in a one-table select Drizzle leaves the outer column unqualified, so a
  // correlated subquery would compare users.organization_id with users.id.
  const rows = await db
    .select({ organizationId: users.organizationId, members: count() })
    .from(users)
    .where(organizationIds ? inArray(users.organizationId, organizationIds) : isNotNull(users.organizationId))
    .groupBy(users.organizationId);
  return new Map(rows.flatMap((row) => (row.organizationId ? [[row.organizationId, row.members] as const] : [])));
}

export async function setOrganizationDomainJoin(db: DbOrTx, input: { organizationId: string; domainJoin: OrganizationDomainJoin }): Promise<{ id: string }> {
  const [row] = await db
    .update(organizations)
    .set({ domainJoin: input.domainJoin })
    .where(eq(organizations.id, input.organizationId))
    .returning({ id: organizations.id });
  if (!row) throw new AppError("NOT_FOUND", "This organization no longer exists. Reload the page.");
  // Nobody waits for a door that is closed.
  if (input.domainJoin === "off") await db.update(users).set({ pendingOrganizationId: null }).where(eq(users.pendingOrganizationId, row.id));
  return row;
}

/** An admin lets a pending person in (approve) or turns them away (decline); either way they stop waiting. */
export async function decidePendingMember(
  db: DbOrTx,
  input: { organizationId: string; userId: string; decision: "approve" | "decline" },
): Promise<{ userId: string }> {
  const [row] = await db
    .update(users)
    .set({
      ...(input.decision === "approve" ? { organizationId: input.organizationId } : {}),
      pendingOrganizationId: null,
      updatedAt: new Date(),
    })
    .where(and(eq(users.id, input.userId), eq(users.pendingOrganizationId, input.organizationId), eq(users.role, "customer")))
    .returning({ userId: users.id });
  if (!row) throw new AppError("NOT_FOUND", "This person is no longer waiting to join. Reload the page.");
  return row;
}
