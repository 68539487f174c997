/**
 * A NUL byte in any text input (PostgreSQL cannot store U+0000) used to reach
 * the database and answer 500. Every procedure now refuses it up front with
 * BAD_REQUEST, a message that says what is wrong and the field it is in, and
 * writes nothing: subject, reply, tag, search, names, sign-up, over HTTP too.
 */
import { eq, like } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { messages, teams, tickets, users } from "@/db/schema";
import { findNulByte, formNulByteError, NUL_BYTE_MESSAGE } from "@/server/nul-bytes";
import { handleTrpcRequest } from "@/server/trpc-http";
import { callerFor, createCategory, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { errorOf } from "../support/trpc-errors";

describe("NUL bytes in input", async () => {
  const { db } = await useTestDatabase();
  const { category } = await createCategory(db);

  async function expectRefused(call: Promise<unknown>, field?: string) {
    const error = await errorOf(call);
    expect(error?.code).toBe("BAD_REQUEST");
    expect(error?.message).toBe(NUL_BYTE_MESSAGE);
    // The formatter reads field errors from the cause, as a form would.
    if (field) expect(error?.cause).toMatchObject({ fieldErrors: { [field]: [NUL_BYTE_MESSAGE] } });
  }

  async function openTicket() {
    const customer = await createUser(db);
    const ticket = await callerFor(db, customer).tickets.create({ subject: `Printer jams ${unique()}`, body: "It jams on every second page.", categoryId: category.id });
    return { customer, ...ticket };
  }

  it("refuses a subject or description with a NUL and creates no ticket", async () => {
    const customer = await createUser(db);
    const marker = unique("nul");
    await expectRefused(callerFor(db, customer).tickets.create({ subject: `${marker} a\u0000b`, body: "Long enough description.", categoryId: category.id }), "subject");
    await expectRefused(callerFor(db, customer).tickets.create({ subject: `${marker} subject`, body: "Long enough\u0000 description.", categoryId: category.id }), "body");
    expect(await db.select().from(tickets).where(like(tickets.subject, `${marker}%`))).toEqual([]);
    expect(await db.select().from(tickets).where(eq(tickets.requesterId, customer.id))).toEqual([]);
  });

  it("refuses a reply or internal note with a NUL and adds no message", async () => {
    const { customer, number, id } = await openTicket();
    const agent = await createUser(db, { role: "agent" });
    const before = await db.select().from(messages).where(eq(messages.ticketId, id));
    await expectRefused(callerFor(db, customer).tickets.reply({ number, body: "Still \u0000 broken" }), "body");
    await expectRefused(callerFor(db, agent).tickets.reply({ number, body: "\u0000", kind: "internal" }), "body");
    expect(await db.select().from(messages).where(eq(messages.ticketId, id))).toEqual(before);
  });

  it("refuses a tag with a NUL, in one ticket or in bulk, and changes nothing", async () => {
    const { number, id } = await openTicket();
    const agent = await createUser(db, { role: "agent" });
    const [before] = await db.select().from(tickets).where(eq(tickets.id, id));
    await expectRefused(callerFor(db, agent).desk.update({ number, version: 1, changes: { tags: ["billing", "vip\u0000"] } }), "changes");
    await expectRefused(callerFor(db, agent).desk.bulkUpdate({ numbers: [number], changes: { addTags: ["\u0000"] } }), "changes");
    await expectRefused(callerFor(db, agent).desk.queue({ view: "open", filters: { tag: "a\u0000" } }), "filters");
    expect((await db.select().from(tickets).where(eq(tickets.id, id)))[0]).toEqual(before);
  });

  it("refuses a search with a NUL for customers and agents", async () => {
    const customer = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    await expectRefused(callerFor(db, customer).tickets.search({ query: "printer\u0000" }), "query");
    await expectRefused(callerFor(db, agent).tickets.search({ query: "\u0000" }), "query");
    await expectRefused(callerFor(db, await createUser(db, { role: "admin" })).admin.users.list({ kind: "customers", query: "a\u0000" }), "query");
  });

  it("refuses a name with a NUL: sign-up, staff member, team", async () => {
    const email = `${unique("nul")}@example.test`;
    await expectRefused(callerFor(db, null).auth.signUp({ name: "Nia\u0000", email, password: "long enough" }), "name");
    await expectRefused(callerFor(db, null).auth.signUp({ name: "Nia", email: `nia\u0000${email}`, password: "long enough" }), "email");
    expect(await db.select().from(users).where(eq(users.email, email))).toEqual([]);

    const admin = await createUser(db, { role: "admin" });
    const staffEmail = `${unique("staff")}@example.test`;
    await expectRefused(callerFor(db, admin).admin.users.create({ name: "Al\u0000ex", email: staffEmail, role: "agent", password: "long enough" }), "name");
    expect(await db.select().from(users).where(eq(users.email, staffEmail))).toEqual([]);
    const teamName = unique("Team");
    await expectRefused(callerFor(db, admin).admin.teams.create({ name: `${teamName}\u0000` }), "name");
    await expectRefused(callerFor(db, admin).admin.teams.create({ name: teamName, description: "\u0000" }), "description");
    expect(await db.select().from(teams).where(like(teams.name, `${teamName}%`))).toEqual([]);
  });

  it("refuses before the role check and before the schema, so no procedure can forget it", async () => {
    // Signed out, on an agent procedure, with input the schema would refuse anyway: the NUL answers first.
    await expectRefused(callerFor(db, null).desk.update({ number: 1, version: 1, changes: { tags: ["\u0000"] } }));
    // A NUL in an object key, where no schema looks.
    const customer = await createUser(db);
    await expectRefused(callerFor(db, customer).tickets.search({ query: "printer", ["x\u0000"]: 1 } as { query: string }));
  });

  it("answers 400 over HTTP with the message and the field, for GET and batched POST", async () => {
    const customer = await createUser(db);
    const context = () => ({ db, user: customer, clientAddress: null });
    const input = encodeURIComponent(JSON.stringify({ json: { query: "printer\u0000" } }));
    const get = await handleTrpcRequest(new Request(`http://localhost/api/trpc/tickets.search?input=${input}`), context);
    expect(get.status).toBe(400);
    const body = (await get.json()) as { error: { json: { message: string; data: { code: string; fieldErrors: unknown } } } };
    expect(body.error.json).toMatchObject({ message: NUL_BYTE_MESSAGE, data: { code: "BAD_REQUEST", fieldErrors: { query: [NUL_BYTE_MESSAGE] } } });

    const subject = `Batch ${unique()}\u0000`;
    const post = await handleTrpcRequest(
      new Request("http://localhost/api/trpc/tickets.create?batch=1", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ 0: { json: { subject, body: "Long enough description.", categoryId: category.id } } }),
      }),
      context,
    );
    expect(post.status).toBe(400);
    expect(await db.select().from(tickets).where(eq(tickets.requesterId, customer.id))).toEqual([]);
  });

  it("finds a NUL anywhere in a value, and in submitted forms", () => {
    expect(findNulByte({ a: [{ b: "ok" }, { c: "x\u0000" }] })).toEqual(["a", 1, "c"]);
    expect(findNulByte({ a: ["fine"], b: new Date(), c: 3, d: null })).toBeNull();
    // Deep nesting is walked without recursion.
    let deep: unknown = "\u0000";
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findNulByte(deep)).toHaveLength(100_000);

    const form = new FormData();
    form.set("email", "a@example.test");
    expect(formNulByteError(form)).toBeNull();
    form.set("password", "pass\u0000word");
    expect(formNulByteError(form)).toMatchObject({ code: "INVALID", message: NUL_BYTE_MESSAGE, fieldErrors: { password: [NUL_BYTE_MESSAGE] } });
    const upload = new FormData();
    upload.set("file", new File(["x"], "a\u0000.txt"));
    expect(formNulByteError(upload)?.fieldErrors).toEqual({ file: [NUL_BYTE_MESSAGE] });
  });
});
