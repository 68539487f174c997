import { eq } from "drizzle-orm";
import { tickets } from "@/db/schema";
import { single } from "@/db/rows";
import type { Db } from "@/db/types";
import type { ApiRoute } from "@/server/api/route-definition";
import { uploadAttachment } from "@/server/attachments/upload";
import { createMailbox } from "@/server/email/mailboxes/admin";
import type { SessionUser } from "@/server/users/session-user";
import { sendTestEvent } from "@/server/webhooks/delivery-log";
import { createWebhookEndpoint } from "@/server/webhooks/endpoints";
import { callApi, type ApiAnswer } from "./api-client";
import { callerFor, createCategory, createOrganization, createUser, unique } from "./factories";
import { nonsenseWord } from "./nonsense-word";

/**
 * One valid request for every REST operation, keyed by operationId: the only
 * hand-written part of the OpenAPI conformance test and of the REST access
 * matrix. Both walk the route registry, so a route added later fails them
 * with "add an example request for <operationId>" until it has an entry here.
 *
 * An example must be valid for every role its route admits (a customer's
 * token runs it too), so it never asks for staff-only fields.
 */

/** The records the examples point at, made once per test file. */
export interface ApiFixtures {
  db: Db;
  admin: SessionUser;
  agent: SessionUser;
  /** A customer who owns the tickets below (no matrix token belongs to them). */
  requester: SessionUser;
  /** The requester's ticket: a public message with a file, and an internal note with a file. */
  ticket: { id: string; number: number; subject: string };
  /** A word only in that ticket's subject, for searches. */
  subjectWord: string;
  /** A word only in the internal note (and its file): no customer may ever see it. */
  noteSecret: string;
  attachmentId: string;
  noteAttachmentId: string;
  /** Two more of the requester's tickets, for the merge example. */
  mergeSource: number;
  mergeTarget: number;
  categoryId: string;
  teamId: string;
  organizationId: string;
  /** A customer for the people examples to read and change. */
  person: SessionUser;
  webhookId: string;
  /** An endpoint the delete example may remove. */
  spareWebhookId: string;
  /** A delivery (a test event) of the first endpoint. */
  deliveryId: string;
}

export interface ExampleRequest {
  /** Values for the route's {path} parameters. */
  params?: Record<string, string | number>;
  query?: Record<string, string>;
  /** JSON, or FormData for a multipart upload. */
  body?: unknown;
  headers?: Record<string, string>;
}

type ApiExample = (fixtures: ApiFixtures) => ExampleRequest | Promise<ExampleRequest>;

/** A small text file, as a multipart form with its one field "file". */
export function uploadForm(name = "notes.txt", text = "Line one of a log file.\n"): FormData {
  const form = new FormData();
  form.append("file", new File([text], name, { type: "text/plain" }));
  return form;
}

const ticketVersion = async (db: Db, number: number) => single(await db.select({ version: tickets.version }).from(tickets).where(eq(tickets.number, number)), "ticket").version;

/** A fresh mailbox (pushed mail, sent through Resend: nothing to connect to) for each mailbox example, so a delete never hits one already gone. */
const exampleMailbox = async (db: Db) =>
  (
    await createMailbox(db, {
      address: `${unique("api-mailbox")}@example.test`,
      displayName: "API example mailbox",
      defaultTeamId: null,
      defaultCategoryId: null,
      enabled: false,
      inboundTransport: "push",
      imapHost: null,
      imapPort: null,
      imapSecurity: "tls",
      imapAuth: "password",
      imapUsername: null,
      imapFolder: "INBOX",
      imapProcessedAction: "mark_seen",
      imapMoveToFolder: null,
      oauthTokenUrl: null,
      oauthClientId: null,
      outboundTransport: "resend",
      smtpHost: null,
      smtpPort: null,
      smtpSecurity: "starttls",
      smtpUsername: null,
    })
  ).id;

const reportRange = () => {
  const day = 86_400_000;
  const iso = (time: number) => new Date(time).toISOString().slice(0, 10);
  return { from: iso(Date.now() - 30 * day), to: iso(Date.now()) };
};

export const apiExamples: Record<string, ApiExample> = {
  listTickets: () => ({ query: { limit: "5", status: "new,open" } }),
  createTicket: () => ({ body: { subject: `Example ${unique("api")}`, body: "A ticket opened by the API example table." } }),
  getTicket: (f) => ({ params: { number: f.ticket.number } }),
  updateTicket: async (f) => ({ params: { number: f.ticket.number }, body: { version: await ticketVersion(f.db, f.ticket.number), priority: "high", add_tags: ["api-example"], add_cc: [`${unique("cc")}@example.test`] } }),
  mergeTicket: (f) => ({ params: { number: f.mergeSource }, body: { target_number: f.mergeTarget } }),
  listMessages: (f) => ({ params: { number: f.ticket.number }, query: { limit: "10" } }),
  createMessage: (f) => ({ params: { number: f.ticket.number }, body: { body: "A public reply from the API example table." } }),
  uploadAttachment: () => ({ body: uploadForm() }),
  downloadAttachment: (f) => ({ params: { id: f.attachmentId } }),
  listUsers: () => ({ query: { role: "customer", limit: "5" } }),
  getUser: (f) => ({ params: { id: f.person.id } }),
  createUser: () => ({ body: { name: "Added by the API", email: `${unique("api-person")}@example.test` } }),
  updateUser: (f) => ({ params: { id: f.person.id }, body: { name: `Renamed ${unique("person")}` } }),
  listOrganizations: () => ({ query: { limit: "5" } }),
  getOrganization: (f) => ({ params: { id: f.organizationId } }),
  createOrganization: () => ({ body: { name: unique("API Org") } }),
  updateOrganization: (f) => ({ params: { id: f.organizationId }, body: { name: unique("Renamed Org") } }),
  listTeams: () => ({}),
  listCategories: () => ({}),
  listCustomFields: () => ({ query: { target: "ticket" } }),
  getReport: () => ({ params: { name: "volume" }, query: reportRange() }),
  listWebhooks: () => ({}),
  createWebhook: () => ({ body: { url: "https://hooks.example.test/new", events: ["ticket.created", "ticket.solved"], enabled: false } }),
  getWebhook: (f) => ({ params: { id: f.webhookId } }),
  updateWebhook: (f) => ({ params: { id: f.webhookId }, body: { description: "Changed by the API example" } }),
  deleteWebhook: (f) => ({ params: { id: f.spareWebhookId } }),
  rotateWebhookSecret: (f) => ({ params: { id: f.webhookId } }),
  listWebhookDeliveries: (f) => ({ params: { id: f.webhookId }, query: { limit: "10" } }),
  sendWebhookTestEvent: (f) => ({ params: { id: f.webhookId } }),
  redeliverWebhook: (f) => ({ params: { id: f.webhookId, delivery_id: f.deliveryId } }),
  listMailboxes: () => ({}),
  createMailbox: () => ({ body: { address: `${unique("API-Mailbox")}@Example.test`, display_name: "Created by the API example", enabled: false, outbound_transport: "smtp", smtp_host: "smtp.example.test", smtp_username: "desk", smtp_secret: "an example password" } }),
  getMailbox: async (f) => ({ params: { id: await exampleMailbox(f.db) } }),
  updateMailbox: async (f) => ({ params: { id: await exampleMailbox(f.db) }, body: { display_name: "Changed by the API example", default_team_id: f.teamId } }),
  deleteMailbox: async (f) => ({ params: { id: await exampleMailbox(f.db) } }),
  testMailbox: async (f) => ({ params: { id: await exampleMailbox(f.db) } }),
  getOpenApiDocument: () => ({}),
};

/** The example for an operation; a route without one fails with what to do. */
export async function exampleFor(operationId: string, fixtures: ApiFixtures): Promise<ExampleRequest> {
  const example = apiExamples[operationId];
  if (!example) throw new Error(`add an example request for ${operationId} (tests/support/api-examples.ts apiExamples)`);
  return example(fixtures);
}

/** The route's path with its parameters filled in, and the example's query. */
export function examplePath(route: Pick<ApiRoute, "path" | "operationId">, example: ExampleRequest): string {
  const path = route.path.replace(/\{(\w+)\}/g, (_match, name: string) => {
    const value = example.params?.[name];
    if (value === undefined) throw new Error(`The example for ${route.operationId} has no value for {${name}}.`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams(example.query).toString();
  return query ? `${path}?${query}` : path;
}

/** Calls the route with the example (or a variation of it) as the token's owner. */
export function callExample(db: Db, route: ApiRoute, example: ExampleRequest, token: string | null): Promise<ApiAnswer> {
  return callApi(db, route.method, examplePath(route, example), { token, body: example.body, headers: example.headers });
}

/** The records every example needs, made through the same domain functions the app uses. */
export async function createApiFixtures(db: Db): Promise<ApiFixtures> {
  const { category, team } = await createCategory(db);
  const organization = await createOrganization(db);
  const admin = await createUser(db, { role: "admin" });
  const agent = await createUser(db, { role: "agent" });
  const requester = await createUser(db);
  const person = await createUser(db, { organizationId: organization.id });
  const noteSecret = nonsenseWord();
  const subjectWord = nonsenseWord();
  const subject = `Router ${subjectWord} keeps rebooting`;

  const asRequester = callerFor(db, requester);
  const file = await uploadAttachment(db, requester, { name: "router.log", bytes: new TextEncoder().encode("boot loop at 03:00\n") });
  const ticket = await asRequester.tickets.create({ subject, body: "It reboots every night at three.", categoryId: category.id, attachmentIds: [file.id] });
  const noteFile = await uploadAttachment(db, agent, { name: "margin.txt", bytes: new TextEncoder().encode(`margin ${noteSecret}\n`) });
  await callerFor(db, agent).tickets.reply({ number: ticket.number, body: `Internal: ${noteSecret} is on the old firmware.`, kind: "internal", attachmentIds: [noteFile.id] });
  const mergeSource = await asRequester.tickets.create({ subject: "Duplicate report", body: "Same problem, reported twice.", categoryId: category.id });
  const mergeTarget = await asRequester.tickets.create({ subject: "Original report", body: "The first report of the problem.", categoryId: category.id });

  // Switched on (a test event needs that), for an event these tests never cause; no worker runs here anyway.
  const endpoint = (description: string) => createWebhookEndpoint(db, { url: "https://hooks.example.test/frontdesk", description, events: ["satisfaction.rated"], includeInternalNotes: false, enabled: true });
  const webhook = await endpoint("API example endpoint");
  const spare = await endpoint("API example endpoint to delete");

  return {
    db,
    admin,
    agent,
    requester,
    ticket: { id: ticket.id, number: ticket.number, subject },
    subjectWord,
    noteSecret,
    attachmentId: file.id,
    noteAttachmentId: noteFile.id,
    mergeSource: mergeSource.number,
    mergeTarget: mergeTarget.number,
    categoryId: category.id,
    teamId: team.id,
    organizationId: organization.id,
    person,
    webhookId: webhook.endpoint.id,
    spareWebhookId: spare.endpoint.id,
    deliveryId: (await sendTestEvent(db, webhook.endpoint.id)).id,
  };
}
