import "server-only";
import { z } from "zod";
import { userRoles } from "@/db/schema";
import { listUserDirectory, type DirectoryQuery } from "@/server/admin/user-directory";
import type { Db } from "@/db/types";
import { createStaffInput, listUsersInput } from "@/server/routers/admin.schema";
import { customValuesInput } from "@/server/routers/custom-fields.schema";
import { customValuesByKeyOf, setRecordCustomValues } from "@/server/users/record-custom-values";
import type { SessionUser } from "@/server/users/session-user";
import { createUserAccount, findUserAccount, updateUserAccount, type UserAccount } from "@/server/users/user-accounts";
import { withApiFieldNames } from "../api-field-names";
import { pageBody, pageOf, pageQuery } from "../resources/page";
import { toUserResource, userResource, type UserResource } from "../resources/user";
import { apiRoute } from "../route-definition";

const tag = "Users";
const idParams = z.object({ id: z.uuid() });
const organizationId = z.uuid().meta({ description: "An organization's id (see GET /organizations)." });

const roleFilters = ["staff", ...userRoles] as const;
type RoleFilter = (typeof roleFilters)[number];

const listQuery = z.object({
  q: listUsersInput.shape.query.meta({ description: "Matches anywhere in the name or the email, ignoring case." }),
  role: z.enum(roleFilters).optional().meta({ description: "One role, or staff for agents, managers and admins together." }),
  organization_id: organizationId.optional().meta({ description: "Only this organization's members (people waiting to join are not members)." }),
  ...pageQuery,
  // A name cursor carries the last name seen, which can be longer than a time cursor.
  cursor: listUsersInput.shape.cursor.meta({ description: "The next_cursor of the previous page." }),
});

// The same field rules as the admin's staff form.
const { name, email } = createStaffInput.shape;

const createBody = z.object({
  name,
  email,
  role: z.enum(userRoles).default("customer").meta({ description: "customer (the default), or a staff role. Staff and customers created here have no password: they sign in with an emailed link." }),
  organization_id: organizationId.nullable().optional().meta({ description: "Makes them a member at once. Left out, a customer whose address matches an organization's domain waits to join it, as at sign-up." }),
  custom_fields: customValuesInput.optional().meta({
    description: "Custom field values by key (GET /custom-fields?target=user). Any invalid value refuses the whole creation, naming custom_fields.<key>.",
  }),
});

const updateBody = z
  .object({
    name: name.optional(),
    email: email.optional().meta({ description: "A new address counts as unverified until the person signs in with an emailed link." }),
    role: z.enum(userRoles).optional().meta({ description: "Nobody changes their own role, and the last active admin keeps theirs." }),
    organization_id: organizationId.nullable().optional().meta({ description: "null ends the membership; an id makes them a member at once." }),
    disabled: z.boolean().optional().meta({ description: "Nobody disables themselves, nor the last active admin." }),
    custom_fields: customValuesInput.optional().meta({
      description: "Custom field values by key (GET /custom-fields?target=user), changing only those named; null clears one. Any invalid value refuses the whole change, naming custom_fields.<key>.",
    }),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "Change at least one property.");

function directoryFilter(role: RoleFilter | undefined): Pick<DirectoryQuery, "kind" | "role"> {
  if (role === "staff") return { kind: "staff" };
  if (role === "customer") return { kind: "customers" };
  return { role };
}

/** A person as the API answers, with the custom values the token's owner may see. */
async function userResourceOf(db: Db, viewer: SessionUser, person: UserAccount): Promise<UserResource> {
  return toUserResource(person, (await customValuesByKeyOf(db, viewer, "user", [person.id])).get(person.id) ?? {});
}

export const userRoutes = [
  apiRoute({
    method: "GET",
    path: "/users",
    operationId: "listUsers",
    summary: "List people",
    description: "Customers and staff, sorted by name, with a search and filters. Cursor paging.",
    tag,
    scope: "users:read",
    role: "agent",
    query: listQuery,
    responses: { 200: { description: "A page of people.", schema: pageOf(userResource, "UserPage") } },
    handler: async ({ db, user, query, request }) => {
      const page = await listUserDirectory(db, {
        ...directoryFilter(query.role),
        organizationId: query.organization_id,
        query: query.q,
        cursor: query.cursor,
        limit: query.limit,
      });
      const customFields = await customValuesByKeyOf(
        db,
        user,
        "user",
        page.items.map((person) => person.id),
      );
      return { status: 200, body: pageBody(request, page.items.map((person) => toUserResource(person, customFields.get(person.id) ?? {})), page.nextCursor) };
    },
  }),
  apiRoute({
    method: "GET",
    path: "/users/{id}",
    operationId: "getUser",
    summary: "Get a person",
    tag,
    scope: "users:read",
    role: "agent",
    params: idParams,
    responses: { 200: { description: "The person.", schema: userResource } },
    handler: async ({ db, user, params }) => ({ status: 200, body: await userResourceOf(db, user, await findUserAccount(db, params.id)) }),
  }),
  apiRoute({
    method: "POST",
    path: "/users",
    operationId: "createUser",
    summary: "Add a person",
    description: "Adds a customer, or a staff member with a role. An address that already belongs to someone answers 409.",
    tag,
    scope: "users:write",
    role: "admin",
    body: createBody,
    responses: { 201: { description: "The new person.", schema: userResource } },
    handler: async ({ db, user, body }) => {
      // The person and their values together: a refused value creates no one.
      const created = await withApiFieldNames(
        db.transaction(async (tx) => {
          const person = await createUserAccount(tx, { name: body.name, email: body.email, role: body.role, organizationId: body.organization_id });
          if (body.custom_fields) await setRecordCustomValues(tx, user, "user", person.id, body.custom_fields);
          return person;
        }),
      );
      return { status: 201, body: await userResourceOf(db, user, created), headers: { location: `/api/v1/users/${created.id}` } };
    },
  }),
  apiRoute({
    method: "PATCH",
    path: "/users/{id}",
    operationId: "updateUser",
    summary: "Change a person",
    description: "Name, email, role, organization, whether they are disabled and custom field values, all at once or (on any refusal) none.",
    tag,
    scope: "users:write",
    role: "admin",
    params: idParams,
    body: updateBody,
    responses: { 200: { description: "The person after the change.", schema: userResource } },
    handler: async ({ db, user, params, body }) => {
      const updated = await withApiFieldNames(
        updateUserAccount(db, user, {
          userId: params.id,
          name: body.name,
          email: body.email,
          role: body.role,
          organizationId: body.organization_id,
          disabled: body.disabled,
          customFields: body.custom_fields,
        }),
      );
      return { status: 200, body: await userResourceOf(db, user, updated) };
    },
  }),
];
