import "server-only";
import { z } from "zod";
import { createMailbox, deleteMailbox, getMailbox, listMailboxes, testMailbox, updateMailbox } from "@/server/email/mailboxes/admin";
import { AppError } from "@/server/errors";
import { createMailboxInput, updateMailboxInput, type CreateMailboxInput, type UpdateMailboxInput } from "@/server/routers/mailboxes-admin.schema";
import { mailboxResource, mailboxTestResource, toMailboxResource, toMailboxTestResource } from "../resources/mailbox";
import { apiRoute } from "../route-definition";

/**
 * /api/v1/mailboxes: the admin page's mailboxes for scripts. The fields and
 * the rules are the admin page's (server/routers/mailboxes-admin.schema.ts,
 * server/email/mailboxes/admin.ts), spelled in snake_case. Secrets
 * (imap_secret, oauth_client_secret, smtp_secret) are write-only.
 */

const tag = "Mailboxes";
const admin = { tag, scope: "admin", role: "admin" } as const;
const idParams = z.object({ id: z.uuid() });

type Snake<S extends string> = S extends `${infer Head}${infer Tail}` ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${Snake<Tail>}` : S;
const snake = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
const camel = (name: string) => name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());

/** The same schemas under snake_case names. */
function snakeShape<T extends z.ZodRawShape>(shape: T): { [K in keyof T & string as Snake<K>]: T[K] } {
  return Object.fromEntries(Object.entries(shape).map(([name, schema]) => [snake(name), schema])) as { [K in keyof T & string as Snake<K>]: T[K] };
}

/** A parsed snake_case body as the service's input (the schemas are the same, only the names differ). */
function camelCased<T>(body: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(body).map(([name, value]) => [camel(name), value])) as T;
}

/** Field errors named the way the API client wrote them. */
async function inApiNames<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.fieldErrors) {
      throw new AppError(error.code, error.message, { fieldErrors: Object.fromEntries(Object.entries(error.fieldErrors).map(([name, messages]) => [snake(name), messages])) });
    }
    throw error;
  }
}

const secretNote = "Write-only: never returned; omit it or send an empty string to keep the stored one.";
const createShape = snakeShape(createMailboxInput.shape);
const createBody = z.object({
  ...createShape,
  imap_secret: createShape.imap_secret.meta({ description: `The IMAP password, or the OAuth2 refresh token. ${secretNote}` }),
  oauth_client_secret: createShape.oauth_client_secret.meta({ description: secretNote }),
  smtp_secret: createShape.smtp_secret.meta({ description: `The SMTP password. ${secretNote}` }),
});
const updateBody = z
  .object(snakeShape(updateMailboxInput.omit({ id: true }).shape))
  .refine((body) => Object.values(body).some((value) => value !== undefined), "Change at least one field.");

const mailboxList = z.object({ data: z.array(mailboxResource) }).meta({ id: "MailboxList" });

export const mailboxRoutes = [
  apiRoute({
    ...admin,
    method: "GET",
    path: "/mailboxes",
    operationId: "listMailboxes",
    summary: "List mailboxes",
    description: "Every mailbox, by address, with its inbound connection's state. Never a secret.",
    responses: { 200: { description: "Every mailbox.", schema: mailboxList } },
    handler: async ({ db }) => ({ status: 200, body: { data: (await listMailboxes(db)).map(toMailboxResource) } }),
  }),
  apiRoute({
    ...admin,
    method: "POST",
    path: "/mailboxes",
    operationId: "createMailbox",
    summary: "Connect a mailbox",
    description: "The address is lower-cased and must be unused (409 otherwise). IMAP needs a host, a username and a password or refresh token; SMTP needs a host.",
    body: createBody,
    responses: { 201: { description: "The mailbox.", schema: mailboxResource } },
    handler: async ({ db, body }) => {
      const created = await inApiNames(() => createMailbox(db, camelCased<CreateMailboxInput>(body)));
      return { status: 201, body: toMailboxResource(created), headers: { location: `/api/v1/mailboxes/${created.id}` } };
    },
  }),
  apiRoute({
    ...admin,
    method: "GET",
    path: "/mailboxes/{id}",
    operationId: "getMailbox",
    summary: "Get a mailbox",
    params: idParams,
    responses: { 200: { description: "The mailbox (never its secrets).", schema: mailboxResource } },
    handler: async ({ db, params }) => ({ status: 200, body: toMailboxResource(await getMailbox(db, params.id)) }),
  }),
  apiRoute({
    ...admin,
    method: "PATCH",
    path: "/mailboxes/{id}",
    operationId: "updateMailbox",
    summary: "Change a mailbox",
    description:
      "Only the fields given change; a blank secret keeps the stored one. Changing the IMAP host, username or folder makes the reader start that folder afresh; other changes keep its place.",
    params: idParams,
    body: updateBody,
    responses: { 200: { description: "The mailbox after the change.", schema: mailboxResource } },
    handler: async ({ db, params, body }) => {
      const updated = await inApiNames(() => updateMailbox(db, { ...camelCased<Omit<UpdateMailboxInput, "id">>(body), id: params.id }));
      return { status: 200, body: toMailboxResource(updated) };
    },
  }),
  apiRoute({
    ...admin,
    method: "DELETE",
    path: "/mailboxes/{id}",
    operationId: "deleteMailbox",
    summary: "Delete a mailbox",
    description: "Its tickets stay, answered from the app's SUPPORT_EMAIL from then on.",
    params: idParams,
    responses: { 204: { description: "Deleted." } },
    handler: async ({ db, params }) => {
      await deleteMailbox(db, params.id);
      return { status: 204 };
    },
  }),
  apiRoute({
    ...admin,
    method: "POST",
    path: "/mailboxes/{id}/test",
    operationId: "testMailbox",
    summary: "Test a mailbox's connections",
    description: "Logs in to the IMAP server (opening the folder) and to the SMTP server, each when the mailbox uses it, and says how each went. Takes up to 30 seconds.",
    params: idParams,
    responses: { 200: { description: "How each connection went.", schema: mailboxTestResource } },
    handler: async ({ db, params }) => ({ status: 200, body: toMailboxTestResource(await testMailbox(db, params.id)) }),
  }),
];
