/**
 * Advisory class: IDOR by ticket number. Ticket numbers are small and
 * sequential, so anyone can guess another's. Two attackers try every door
 * that takes a number or an id from a ticket: a customer of another company,
 * and a colleague in the requester's own organization while it does not
 * share tickets. The requester walks the same doors first, so a refusal
 * below is the scope's doing and not a broken door.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { attachments, messages, satisfactionRatings } from "@/db/schema";
import { GET as downloadRoute } from "@/app/api/attachments/[id]/route";
import { findDownloadableAttachment } from "@/server/attachments/authorize-download";
import { uploadAttachment } from "@/server/attachments/upload";
import { updateSettings } from "@/server/settings/settings";
import type { SessionUser } from "@/server/users/session-user";
import { callerFor, createCategory, createOrganization, createUser } from "../support/factories";
import { endRequestSessions, presentSessionOf, routeParams } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";
import { codeOf } from "../support/trpc-errors";

vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => (await import("../support/request-session")).storageModule(await original()));

const attackers = ["stranger", "colleague"] as const;
type Attacker = (typeof attackers)[number];

describe("advisory: IDOR by ticket number", async () => {
  const { db } = await useTestDatabase();
  const people = {} as Record<Attacker | "requester" | "agent", SessionUser>;
  let number = 0;
  let fileId = "";
  let categoryId = "";

  beforeAll(async () => {
    await updateSettings(db, { satisfactionSurveys: true });
    // The requester's organization keeps tickets private to each member.
    const organization = await createOrganization(db, { sharesTickets: false });
    people.requester = await createUser(db, { organizationId: organization.id });
    people.colleague = await createUser(db, { organizationId: organization.id });
    people.stranger = await createUser(db);
    people.agent = await createUser(db, { role: "agent" });
    categoryId = (await createCategory(db)).category.id;
    const file = await uploadAttachment(db, people.requester, { name: "contract.txt", bytes: new TextEncoder().encode("signed contract") });
    const created = await callerFor(db, people.requester).tickets.create({
      subject: "Our contract renewal",
      body: "Please see the attached contract.",
      categoryId,
      attachmentIds: [file.id],
    });
    number = created.number;
    fileId = file.id;
    await callerFor(db, people.agent).tickets.reply({ number, body: "Renewed, thanks.", kind: "public", status: "solved" });
  });
  afterAll(endRequestSessions);

  const api = (who: keyof typeof people) => callerFor(db, people[who]);

  it("lets the requester through every door (the control)", async () => {
    expect((await api("requester").tickets.get({ number })).ticket.number).toBe(number);
    expect(await codeOf(api("requester").satisfaction.get({ number }))).toBe("OK");
    expect(await findDownloadableAttachment(db, people.requester, fileId)).not.toBeNull();
    presentSessionOf(db, people.requester.id);
    const response = await downloadRoute(new Request(`http://localhost/api/attachments/${fileId}`), routeParams({ id: fileId }));
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("signed contract");
  });

  it.each(attackers)("refuses the %s the ticket by number: get, lists, search", async (who) => {
    expect(await codeOf(api(who).tickets.get({ number }))).toBe("NOT_FOUND");
    for (const scope of ["mine", "organization"] as const) {
      expect((await api(who).tickets.list({ scope, limit: 100 })).items.map((t) => t.number)).not.toContain(number);
    }
    expect((await api(who).tickets.search({ query: `#${number}`, limit: 100 })).items).toEqual([]);
    expect((await api(who).tickets.search({ query: "contract renewal", limit: 100 })).items.map((t) => t.number)).not.toContain(number);
  });

  it.each(attackers)("refuses the %s a reply, a solve or a follow-up on the ticket", async (who) => {
    expect(await codeOf(api(who).tickets.reply({ number, body: "I am the requester, send me the contract." }))).toBe("NOT_FOUND");
    expect(await codeOf(api(who).tickets.solve({ number }))).toBe("NOT_FOUND");
    expect(await db.select({ id: messages.id }).from(messages).where(eq(messages.authorId, people[who].id))).toEqual([]);
  });

  it.each(attackers)("refuses the %s the ticket's attachment, by id and through the download route", async (who) => {
    expect(await findDownloadableAttachment(db, people[who], fileId)).toBeNull();
    presentSessionOf(db, people[who].id);
    const response = await downloadRoute(new Request(`http://localhost/api/attachments/${fileId}`), routeParams({ id: fileId }));
    // The same 404 as an id that does not exist, so ids cannot be probed.
    const missing = crypto.randomUUID();
    const unknown = await downloadRoute(new Request(`http://localhost/api/attachments/${missing}`), routeParams({ id: missing }));
    expect([response.status, unknown.status]).toEqual([404, 404]);
    expect(await response.json()).toEqual(await unknown.json());
  });

  it.each(attackers)("refuses the %s to claim the requester's file on a ticket of their own", async (who) => {
    const own = await api(who).tickets.create({ subject: "My own question", body: "Nothing to do with anyone else.", categoryId });
    const pending = await uploadAttachment(db, people.requester, { name: "draft.txt", bytes: new TextEncoder().encode("draft") });
    expect(await codeOf(api(who).tickets.reply({ number: own.number, body: "Here is a file.", attachmentIds: [pending.id] }))).toBe("BAD_REQUEST");
    const [row] = await db.select({ messageId: attachments.messageId }).from(attachments).where(eq(attachments.id, pending.id));
    expect(row?.messageId).toBeNull();
  });

  it.each(attackers)("refuses the %s the ticket's rating, read or written", async (who) => {
    expect(await codeOf(api(who).satisfaction.get({ number }))).toBe("NOT_FOUND");
    expect(await codeOf(api(who).satisfaction.rate({ number, score: "bad", comment: "Terrible." }))).toBe("NOT_FOUND");
    expect(await db.select().from(satisfactionRatings).where(eq(satisfactionRatings.ticketId, (await api("agent").tickets.get({ number })).ticket.id))).toEqual([]);
  });

  it("lets the colleague in once the organization shares tickets, but still not rate it", async () => {
    // The same doors open by the organization's setting alone: the refusals above were the scope's.
    const sharing = await createOrganization(db, { sharesTickets: true });
    const requester = await createUser(db, { organizationId: sharing.id });
    const colleague = await createUser(db, { organizationId: sharing.id });
    const shared = await callerFor(db, requester).tickets.create({ subject: "Shared question", body: "Visible to my colleagues.", categoryId });
    expect((await callerFor(db, colleague).tickets.get({ number: shared.number })).ticket.number).toBe(shared.number);
    expect(await codeOf(callerFor(db, colleague).satisfaction.rate({ number: shared.number, score: "bad" }))).toBe("FORBIDDEN");
  });
});
