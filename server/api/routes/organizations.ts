import "server-only";
import { z } from "zod";
import { listUsersInput } from "@/server/routers/admin.schema";
import { organizationFields } from "@/server/routers/organizations-admin.schema";
import { single } from "@/db/rows";
import type { Db } from "@/db/types";
import { customValuesInput } from "@/server/routers/custom-fields.schema";
import { createOrganization, findOrganization, listOrganizationPage, updateOrganization, type OrganizationRecord } from "@/server/users/organizations";
import { customValuesByKeyOf, setRecordCustomValues } from "@/server/users/record-custom-values";
import type { SessionUser } from "@/server/users/session-user";
import { withApiFieldNames } from "../api-field-names";
import { pageBody, pageOf, pageQuery } from "../resources/page";
import { organizationResource, toOrganizationResource, type OrganizationResource } from "../resources/user";
import { apiRoute } from "../route-definition";

const tag = "Organizations";
const idParams = z.object({ id: z.uuid() });

const listQuery = z.object({
  q: z.string().trim().min(1).max(120).optional().meta({ description: "Matches anywhere in the name or the domain, ignoring case." }),
  ...pageQuery,
  // A name cursor carries the last name seen, which can be longer than a time cursor.
  cursor: listUsersInput.shape.cursor.meta({ description: "The next_cursor of the previous page." }),
});

// The same field rules wherever an organization is edited.
const fields = {
  name: organizationFields.name,
  domain: organizationFields.domain.meta({ description: "The email domain (example.com) whose people may join; null for none. Unique." }),
  shares_tickets: organizationFields.sharesTickets.meta({ description: "Whether every member can follow every ticket of the organization." }),
  domain_join: organizationFields.domainJoin.meta({ description: "How someone at the domain becomes a member: verified_email, admin_approval or off." }),
};

const createBody = z.object({
  name: fields.name.meta({ description: "Unique, ignoring case." }),
  domain: fields.domain.default(null),
  shares_tickets: fields.shares_tickets.default(false),
  domain_join: fields.domain_join.default("verified_email"),
  custom_fields: customValuesInput.optional().meta({
    description: "Custom field values by key (GET /custom-fields?target=organization). Any invalid value refuses the whole creation, naming custom_fields.<key>.",
  }),
});

const updateBody = z
  .object({
    name: fields.name.optional(),
    domain: fields.domain.optional().meta({ description: "A new domain also ends every pending request to join (they matched the old one)." }),
    shares_tickets: fields.shares_tickets.optional(),
    domain_join: fields.domain_join.optional().meta({ description: "off also ends every pending request to join." }),
    custom_fields: customValuesInput.optional().meta({
      description: "Custom field values by key (GET /custom-fields?target=organization), changing only those named; null clears one. Any invalid value refuses the whole change, naming custom_fields.<key>.",
    }),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "Change at least one property.");

/** Organizations as the API answers, with the custom values the token's owner may see. */
async function organizationResources(db: Db, viewer: SessionUser, records: OrganizationRecord[]): Promise<OrganizationResource[]> {
  const customFields = await customValuesByKeyOf(
    db,
    viewer,
    "organization",
    records.map((record) => record.id),
  );
  return records.map((record) => toOrganizationResource(record, customFields.get(record.id) ?? {}));
}

async function organizationResourceOf(db: Db, viewer: SessionUser, record: OrganizationRecord): Promise<OrganizationResource> {
  return single(await organizationResources(db, viewer, [record]), "organization");
}

export const organizationRoutes = [
  apiRoute({
    method: "GET",
    path: "/organizations",
    operationId: "listOrganizations",
    summary: "List organizations",
    description: "Sorted by name, with their member counts. Cursor paging.",
    tag,
    scope: "users:read",
    role: "agent",
    query: listQuery,
    responses: { 200: { description: "A page of organizations.", schema: pageOf(organizationResource, "OrganizationPage") } },
    handler: async ({ db, user, query, request }) => {
      const page = await listOrganizationPage(db, { query: query.q, cursor: query.cursor, limit: query.limit });
      return { status: 200, body: pageBody(request, await organizationResources(db, user, page.items), page.nextCursor) };
    },
  }),
  apiRoute({
    method: "GET",
    path: "/organizations/{id}",
    operationId: "getOrganization",
    summary: "Get an organization",
    tag,
    scope: "users:read",
    role: "agent",
    params: idParams,
    responses: { 200: { description: "The organization.", schema: organizationResource } },
    handler: async ({ db, user, params }) => ({ status: 200, body: await organizationResourceOf(db, user, await findOrganization(db, params.id)) }),
  }),
  apiRoute({
    method: "POST",
    path: "/organizations",
    operationId: "createOrganization",
    summary: "Add an organization",
    description: "A name or domain another organization already has answers 409, naming the field.",
    tag,
    scope: "users:write",
    role: "admin",
    body: createBody,
    responses: { 201: { description: "The new organization.", schema: organizationResource } },
    handler: async ({ db, user, body }) => {
      // The organization and its values together: a refused value creates nothing.
      const created = await withApiFieldNames(
        db.transaction(async (tx) => {
          const organization = await createOrganization(tx, { name: body.name, domain: body.domain, sharesTickets: body.shares_tickets, domainJoin: body.domain_join });
          if (body.custom_fields) await setRecordCustomValues(tx, user, "organization", organization.id, body.custom_fields);
          return organization;
        }),
      );
      return { status: 201, body: await organizationResourceOf(db, user, created), headers: { location: `/api/v1/organizations/${created.id}` } };
    },
  }),
  apiRoute({
    method: "PATCH",
    path: "/organizations/{id}",
    operationId: "updateOrganization",
    summary: "Change an organization",
    description: "Any of its fields and custom field values, all at once or (on any refusal) none. A name or domain another organization already has answers 409, naming the field.",
    tag,
    scope: "users:write",
    role: "admin",
    params: idParams,
    body: updateBody,
    responses: { 200: { description: "The organization after the change.", schema: organizationResource } },
    handler: async ({ db, user, params, body }) => {
      const updated = await withApiFieldNames(
        updateOrganization(db, user, {
          id: params.id,
          name: body.name,
          domain: body.domain,
          sharesTickets: body.shares_tickets,
          domainJoin: body.domain_join,
          customFields: body.custom_fields,
        }),
      );
      return { status: 200, body: await organizationResourceOf(db, user, updated) };
    },
  }),
];
