/**
 * Advisory class: internal notes leaking to customers through a side door.
 * A ticket's internal note carries a unique secret word and a file; the
 * requester and an organization colleague (the organization shares tickets)
 * then look through search (both of its steps), CSV exports, their email,
 * attachment downloads and the timeline. Each door is first shown to carry
 * public content (or the note, to staff), so "no secret" means the rule
 * held, not that the door was empty.
 */
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { messages, outbox, ticketEvents } from "@/db/schema";
import { GET as downloadRoute } from "@/app/api/attachments/[id]/route";
import { GET as reportCsvRoute } from "@/app/api/reports/[name]/route";
import { uploadAttachment } from "@/server/attachments/upload";
import { notifyPublicReply } from "@/server/email/notifications";
import { appRouter } from "@/server/routers/_app";
import { searchTickets } from "@/server/tickets/ticket-lists";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createOrganization, createUser } from "../support/factories";
import { endRequestSessions, presentSessionOf, routeParams } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";

vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

const customers = ["requester", "colleague"] as const;
type Customer = (typeof customers)[number];

describe("advisory: internal note through search, CSV, email, attachment and timeline", async () => {
  const { db } = await useTestDatabase();
  const word = (prefix: string) => `${prefix}${crypto.randomUUID().replace(/[-\d]/g, "").slice(0, 10)}`;
  const secret = word("zqnote");
  const publicWord = word("zqpublic");
  const people = {} as Record<Customer | "agent" | "manager", SessionUser>;
  let number = 0;
  let ticketId = "";
  let noteFileId = "";
  let publicFileId = "";

  beforeAll(async () => {
    const organization = await createOrganization(db, { sharesTickets: true });
    people.requester = await createUser(db, { organizationId: organization.id });
    people.colleague = await createUser(db, { organizationId: organization.id });
    people.agent = await createUser(db, { role: "agent" });
    people.manager = await createUser(db, { role: "manager" });
    const { category } = await createCategory(db);
    ({ number, id: ticketId } = await callerFor(db, people.requester).tickets.create({ subject: "Refund request", body: "I would like a refund please.", categoryId: category.id }));
    const agent = callerFor(db, people.agent);
    const noteFile = await uploadAttachment(db, people.agent, { name: "margin.txt", bytes: new TextEncoder().encode(`margin ${secret}`) });
    const publicFile = await uploadAttachment(db, people.agent, { name: "refund.txt", bytes: new TextEncoder().encode(`refund ${publicWord}`) });
    await agent.tickets.reply({ number, body: `Internal: refund via the ${secret} account.`, kind: "internal", attachmentIds: [noteFile.id] });
    await agent.tickets.reply({ number, body: `Your refund ${publicWord} is on its way.`, kind: "public", attachmentIds: [publicFile.id] });
    // A note that solves the ticket sends the requester a "solved" email of its own.
    await agent.tickets.reply({ number, body: `Solved quietly, ${secret} again.`, kind: "internal", status: "solved" });
    noteFileId = noteFile.id;
    publicFileId = publicFile.id;
  });
  afterAll(endRequestSessions);

  const api = (who: keyof typeof people) => callerFor(db, people[who]);
  const download = async (who: keyof typeof people, id: string) => {
    presentSessionOf(db, people[who].id);
    return downloadRoute(new Request(`http://localhost/api/attachments/${id}`), routeParams({ id }));
  };

  describe("search", () => {
    it("finds the note's words for staff in both steps (the control)", async () => {
      for (const window of [1000, 0]) {
        expect((await searchTickets(db, people.agent, { query: secret, limit: 25 }, window)).items.map((t) => t.number)).toEqual([number]);
      }
    });

    it.each(customers)("never finds the note's words for the %s, in either step", async (who) => {
      for (const window of [1000, 0]) {
        expect((await searchTickets(db, people[who], { query: publicWord, limit: 25 }, window)).items.map((t) => t.number)).toEqual([number]);
        expect((await searchTickets(db, people[who], { query: secret, limit: 25 }, window)).items).toEqual([]);
      }
    });
  });

  describe("CSV export", () => {
    const reportNames = Object.keys(appRouter._def.procedures).filter((p) => p.startsWith("reports.")).map((p) => p.slice("reports.".length));
    const today = new Date().toISOString().slice(0, 10);
    const csvUrl = (name: string) =>
      `http://localhost/api/reports/${name}?input=${encodeURIComponent(JSON.stringify({ from: today, to: today, timeZone: "UTC", dimension: "organization" }))}`;

    it("exports every report to a manager without any message text", async () => {
      expect(reportNames.length).toBeGreaterThan(5);
      presentSessionOf(db, people.manager.id);
      for (const name of reportNames) {
        const response = await reportCsvRoute(new Request(csvUrl(name)), routeParams({ name }));
        expect(response.status, name).toBe(200);
        const csv = await response.text();
        expect(csv.split("\r\n").length, name).toBeGreaterThan(1);
        expect(csv, name).not.toContain(secret);
        expect(csv, name).not.toContain(publicWord);
      }
    });

    it.each([...customers, "agent"] as const)("refuses every CSV export to the %s", async (who) => {
      presentSessionOf(db, people[who].id);
      for (const name of reportNames) {
        const response = await reportCsvRoute(new Request(csvUrl(name)), routeParams({ name }));
        expect(response.status, name).toBe(403);
        expect(await response.text()).not.toContain(secret);
      }
    });
  });

  describe("email", () => {
    const mailTo = (address: string) =>
      db.select({ subject: outbox.subject, html: outbox.html, text: outbox.text, template: outbox.template }).from(outbox).where(and(eq(outbox.ticketId, ticketId), eq(outbox.toAddress, address)));

    it("mails the requester the public reply and the solve, never the notes", async () => {
      const mail = await mailTo(people.requester.email);
      expect(mail.map((m) => m.template).sort()).toEqual(["public-reply", "ticket-received", "ticket-solved"]);
      expect(mail.some((m) => m.text.includes(publicWord))).toBe(true);
      for (const m of mail) expect(`${m.subject}\n${m.html}\n${m.text}`, m.template).not.toContain(secret);
    });

    it("refuses to mail a note even when asked to send it as a reply", async () => {
      const [note] = await db.select({ id: messages.id, body: messages.body, kind: messages.kind }).from(messages).where(and(eq(messages.ticketId, ticketId), eq(messages.kind, "internal")));
      if (!note) throw new Error("expected the note");
      const before = (await mailTo(people.requester.email)).length;
      await notifyPublicReply(db, ticketId, note, people.agent);
      expect(await mailTo(people.requester.email)).toHaveLength(before);
    });
  });

  describe("attachment download", () => {
    it("serves both files to the agent (the control)", async () => {
      for (const id of [noteFileId, publicFileId]) {
        const response = await download("agent", id);
        expect(response.status).toBe(200);
        expect(await response.text()).toMatch(id === noteFileId ? secret : publicWord);
      }
    });

    it.each(customers)("serves the %s the public file and not the note's", async (who) => {
      const publicFile = await download(who, publicFileId);
      expect(publicFile.status).toBe(200);
      expect(await publicFile.text()).toContain(publicWord);
      const noteFile = await download(who, noteFileId);
      expect(noteFile.status).toBe(404);
      expect(await noteFile.text()).not.toContain(secret);
    });
  });

  describe("timeline", () => {
    it("shows staff the ticket's history (the control), which never copies a note's text", async () => {
      const detail = await api("agent").tickets.get({ number });
      expect(detail.timeline.map((e) => e.field)).toEqual(expect.arrayContaining(["created", "status"]));
      const events = await db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId));
      expect(JSON.stringify(events)).not.toContain(secret);
    });

    it.each(customers)("gives the %s no timeline and a thread without the notes", async (who) => {
      const detail = await api(who).tickets.get({ number });
      expect(detail.timeline).toEqual([]);
      expect(detail.messages.map((m) => m.kind)).toEqual(["public", "public"]);
      expect(JSON.stringify(detail)).not.toContain(secret);
    });
  });
});
