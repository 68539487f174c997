/**
 * Internal notes never reach customers. One ticket carries a public message,
 * an internal note with a unique secret word and a file attached to that
 * note. The requester, an organization colleague (the organization shares
 * tickets) and a stranger then try every door: the ticket page, lists,
 * search, replies, the desk, downloads, and finally every procedure of the
 * app router with plausible input, whose serialized answers (and errors)
 * must never contain the secret.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TRPCError } from "@trpc/server";
import { AppError } from "@/server/errors";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { messages } from "@/db/schema";
import { findDownloadableAttachment } from "@/server/attachments/authorize-download";
import { uploadAttachment } from "@/server/attachments/upload";
import { appRouter } from "@/server/routers/_app";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createOrganization, createUser, unique } from "../support/factories";
import { onPostgres, useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

type Caller = ReturnType<typeof callerFor>;
const customers = ["requester", "colleague", "stranger"] as const;
type Customer = (typeof customers)[number];

describe("internal note privacy", async () => {
  const { db } = await useTestDatabase();
  const storageRoot = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-note-privacy-"));
  afterAll(() => fs.rmSync(storageRoot, { recursive: true, force: true }));

  const nonce = () => crypto.randomUUID().replace(/-/g, "").slice(0, 10).replace(/\d/g, "x");
  const secret = `zqsecret${nonce()}`;
  const publicWord = `zqpublic${nonce()}`;
  const people = {} as Record<Customer, SessionUser> & { agent: SessionUser };
  let number = 0;
  let ticketId = "";
  let categoryId = "";
  let attachmentId = "";

  beforeAll(async () => {
    const organization = await createOrganization(db, { sharesTickets: true });
    people.requester = await createUser(db, { organizationId: organization.id });
    people.colleague = await createUser(db, { organizationId: organization.id });
    people.stranger = await createUser(db);
    people.agent = await createUser(db, { role: "agent" });
    categoryId = (await createCategory(db)).category.id;
    const created = await callerFor(db, people.requester).tickets.create({
      subject: "Invoices look wrong",
      body: `My ${publicWord} invoice shows the wrong total.`,
      categoryId,
    });
    ({ number, id: ticketId } = created);
    // The note carries a file whose name holds the secret too, attached the way the desk sends it.
    const file = await uploadAttachment(db, people.agent, { name: `${secret}.txt`, bytes: new TextEncoder().encode(`pricing ${secret}`) }, { storageRoot });
    const body = `Customer is on the ${secret} discount, do not mention it.`;
    await callerFor(db, people.agent).tickets.reply({ number, body, kind: "internal", attachmentIds: [file.id] });
    attachmentId = file.id;
    // An agent-only custom field holds the secret too (its value, and its key): customers never see either.
    const admin = await createUser(db, { role: "admin" });
    const field = await callerFor(db, admin).admin.customFields.create({ target: "ticket", key: secret, type: "text", label: "Internal margin", agentOnly: true });
    const { ticket } = await callerFor(db, people.agent).tickets.get({ number });
    await callerFor(db, people.agent).desk.update({ number, version: ticket.version, changes: { customFields: { [field.key]: `margin ${secret}` } } });
  });

  const api = (who: Customer | "agent") => callerFor(db, people[who]);
  const canSee = (who: Customer) => who !== "stranger";

  it("has the secret where staff look for it", async () => {
    const detail = await api("agent").tickets.get({ number });
    expect(detail.messages.map((m) => m.kind)).toEqual(["public", "internal"]);
    expect(detail.messages[1]?.attachments.map((a) => a.fileName)).toEqual([`${secret}.txt`]);
    expect(serialized(detail)).toContain(secret);
    expect(detail.customFields.find((field) => field.key === secret)?.value).toBe(`margin ${secret}`);
    expect(await findDownloadableAttachment(db, people.agent, attachmentId)).toMatchObject({ fileName: `${secret}.txt` });
    const hits = await api("agent").tickets.search({ query: secret, limit: 100 });
    expect(hits.items.map((t) => t.number)).toEqual([number]);
  });

  it.each(customers)("shows the %s at most the public thread, without a timeline", async (who) => {
    const attempt = api(who).tickets.get({ number });
    if (!canSee(who)) return expect(await codeOf(attempt)).toBe("NOT_FOUND");
    const detail = await attempt;
    expect(detail.messages.map((m) => [m.kind, m.authorId])).toEqual([["public", people.requester.id]]);
    expect(detail.timeline).toEqual([]);
    expect(serialized(detail)).not.toContain(secret);
  });

  it.each(customers)("lists the ticket to the %s only where it belongs, without the secret", async (who) => {
    const expected = { requester: { mine: true, organization: true }, colleague: { mine: false, organization: true }, stranger: { mine: false, organization: false } }[who];
    for (const scope of ["mine", "organization"] as const) {
      const page = await api(who).tickets.list({ scope, limit: 100 });
      expect(page.items.some((t) => t.number === number), `${who} ${scope}`).toBe(expected[scope]);
      expect(serialized(page)).not.toContain(secret);
    }
  });

  it.each(customers)("never finds the note's words for the %s", async (who) => {
    expect((await api(who).tickets.search({ query: secret, limit: 100 })).items).toEqual([]);
    const hits = await api(who).tickets.search({ query: publicWord, limit: 100 });
    expect(hits.items.map((t) => t.number)).toEqual(canSee(who) ? [number] : []);
    expect(serialized(hits)).not.toContain(secret);
  });

  it.each(customers)("refuses internal notes and desk procedures to the %s", async (who) => {
    const before = await db.$count(messages);
    expect(await codeOf(api(who).tickets.reply({ number, body: "Let me add a note.", kind: "internal" }))).toBe("FORBIDDEN");
    const desk = procedurePaths.filter((p) => p.startsWith("desk."));
    expect(desk.length).toBeGreaterThan(0);
    for (const procedure of desk) {
      for (const input of plausibleInputs()) expect(await codeOf(call(api(who), procedure, input)), procedure).toBe("FORBIDDEN");
    }
    // On a shared PostgreSQL other files write messages meanwhile; PGlite is this file's alone.
    if (!onPostgres) expect(await db.$count(messages)).toBe(before);
  });

  it.each(customers)("never lets the %s download the note's file", async (who) => {
    expect(await findDownloadableAttachment(db, people[who], attachmentId)).toBeNull();
  });

  it.each(customers)("never shows the secret to the %s through any procedure of the router", async (who) => {
    const reached = new Set<string>();
    for (const procedure of procedurePaths) {
      for (const input of plausibleInputs()) {
        try {
          const result = await call(api(who), procedure, input);
          reached.add(procedure);
          expect(serialized(result), `${procedure}(${JSON.stringify(input)})`).not.toContain(secret);
        } catch (error) {
          if (!(error instanceof TRPCError)) throw error;
          // A role check refuses the procedure outright; a domain refusal (an AppError) means it was reached.
          if ((error.code === "FORBIDDEN" || error.code === "UNAUTHORIZED") && !(error.cause instanceof AppError)) break;
          // Past the role check and the input schema: the domain answered (NOT_FOUND, CONFLICT, ...).
          if (!(error.cause instanceof ZodError)) reached.add(procedure);
          expect(`${error.message} ${JSON.stringify(error.cause ?? "")}`, `${procedure} error`).not.toContain(secret);
        }
      }
    }
    // Every procedure a customer may call must have been reached with some input, or the walk proves nothing.
    const customerProcedures = await callableByCustomers();
    expect(customerProcedures.filter((p) => !reached.has(p)), "procedures that no plausible input reached: add an input below").toEqual([]);
    expect(reached.has("tickets.get") && reached.has("tickets.search")).toBe(true);
  });

  it("keeps a note internal when its ticket is merged into another", async () => {
    const customer = api("requester");
    const source = await customer.tickets.create({ subject: "Duplicate", body: "Same invoice problem again.", categoryId });
    const target = await customer.tickets.create({ subject: "Original", body: "The original invoice problem.", categoryId });
    await api("agent").tickets.reply({ number: source.number, body: `Merging: ${secret} pricing again.`, kind: "internal" });
    await api("agent").desk.merge({ sourceNumber: source.number, targetNumber: target.number });
    for (const who of ["requester", "colleague"] as const) {
      for (const merged of [source, target]) {
        const detail = await api(who).tickets.get({ number: merged.number });
        expect(detail.messages.every((m) => m.kind === "public")).toBe(true);
        expect(serialized(detail)).not.toContain(secret);
      }
    }
  });

  /** Procedures whose role check lets a customer through (judged by the stranger, who owns nothing). */
  async function callableByCustomers() {
    const stranger = await createUser(db);
    const open: string[] = [];
    for (const procedure of procedurePaths) {
      const code = await codeOf(call(callerFor(db, stranger), procedure, undefined));
      if (code !== "FORBIDDEN" && code !== "UNAUTHORIZED") open.push(procedure);
    }
    return open;
  }

  /** Inputs for this ticket that some procedure may accept; zod refuses the rest with BAD_REQUEST. */
  function plausibleInputs(): unknown[] {
    const page = { limit: 100 };
    return [
      undefined,
      {},
      { number },
      { number, body: "Any news on this?", kind: "public" },
      { number, composing: false },
      { ...page, scope: "mine" },
      { ...page, scope: "organization" },
      { ...page, query: secret },
      { ...page, query: publicWord },
      { ...page, query: `#${number}` },
      { ...page, view: "open" },
      { subject: "Another question", body: "A new question about invoices.", categoryId },
      { name: "New person", email: `${unique("signup")}@example.test`, password: "correct horse battery" },
      { id: attachmentId },
      { attachmentId },
      { number, body: "Here is that file again.", kind: "public", attachmentIds: [attachmentId] },
      { ticketId },
      { requesterId: people.requester.id, excludeTicketId: ticketId },
      { sourceNumber: number, targetNumber: number + 1 },
      { number, version: 1, changes: { priority: "low" } },
      { numbers: [number], changes: { priority: "low" } },
      { number, score: "good" },
      { token: "not-a-rating-token", score: "good" },
      { token: "not-a-rating-token" },
      { name: "An integration", scopes: ["tickets:read"] },
      { tokenId: attachmentId },
      // The help center: articles and categories by number, its search, feedback.
      { id: 1 },
      { q: secret },
      { q: publicWord },
      { articleId: 1, helpful: true },
      // Suggestions while typing a subject, and the new-ticket form's visit (someone else's id).
      { subject: secret },
      { subject: `${publicWord} invoice` },
      { visitId: ticketId, articleId: 1 },
      // The composer's article links and "Turn into article" (staff only).
      { number, q: secret },
      { number, sectionId: 1 },
    ];
  }
});

const procedurePaths = Object.keys(appRouter._def.procedures).sort();

/** Calls a procedure of the caller by its dotted path. */
function call(caller: Caller, procedure: string, input: unknown): Promise<unknown> {
  const fn = procedure.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller);
  return (fn as (input: unknown) => Promise<unknown>)(input);
}

/** What would go over the wire (superjson), plus plain JSON for good measure. */
function serialized(value: unknown): string {
  return `${superjson.stringify(value)}\n${JSON.stringify(value) ?? ""}`;
}

