/**
 * Satisfaction ratings: signed links from the solved email (no sign-in) and
 * the requester's widget in the portal. Every refusal (a tampered or moved
 * token, surveys off, an unsolved or long-closed ticket, someone other than
 * the requester) writes nothing; the latest rating replaces the earlier one
 * and records who had the ticket; a bad rating emails the assignee once and,
 * when the setting says so, reopens a solved ticket.
 *
 * Tests may share one PostgreSQL database with other files: each makes its
 * own users and tickets, and the global settings a test changes are put back
 * in a finally block.
 */
import { and, asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outbox, satisfactionRatings, ticketEvents, tickets } from "@/db/schema";
import { appRouter } from "@/server/routers/_app";
import { env } from "@/server/env";
import { rateLimitPolicies } from "@/server/rate-limit";
import { ratingTokenFor, ticketIdFromRatingToken } from "@/server/satisfaction/rating-links";
import { getSettings, updateSettings, type SettingsChanges } from "@/server/settings/settings";
import { createCallerFactory } from "@/server/trpc";
import { callerFor, createCategory, createOrganization, createUser, unique } from "../support/factories";
import { useTestDatabase } from "../support/test-db";
import { codeOf, errorOf } from "../support/trpc-errors";

const DAY_MS = 24 * 60 * 60 * 1000;

describe("satisfaction ratings", async () => {
  const { db } = await useTestDatabase();
  const anonymous = callerFor(db, null);

  /** A customer's ticket, assigned to an agent and (unless told otherwise) solved by them. */
  async function solvedTicket(options: { solve?: boolean; assign?: boolean } = {}) {
    const organization = await createOrganization(db, { sharesTickets: true });
    const customer = await createUser(db, { organizationId: organization.id, name: "Dana Rater" });
    const colleague = await createUser(db, { organizationId: organization.id });
    const agent = await createUser(db, { role: "agent", name: "Alex Agent" });
    const { category } = await createCategory(db);
    const { number, id } = await callerFor(db, customer).tickets.create({ subject: `Export is broken ${unique()}`, body: "The export button does nothing.", categoryId: category.id });
    const changes = {
      ...(options.assign === false ? {} : { assigneeId: agent.id }),
      ...(options.solve === false ? {} : { status: "solved" as const }),
    };
    if (Object.keys(changes).length) await callerFor(db, agent).desk.update({ number, version: 1, changes });
    return { customer, colleague, agent, number, ticketId: id, token: ratingTokenFor(id) };
  }

  /** Everything a rating may write for a ticket: the rating, its events, its emails. */
  async function writesFor(ticketId: string) {
    const [ratings, events, mail, [ticket]] = await Promise.all([
      db.select().from(satisfactionRatings).where(eq(satisfactionRatings.ticketId, ticketId)),
      db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)),
      db.select().from(outbox).where(eq(outbox.ticketId, ticketId)),
      db.select({ status: tickets.status, version: tickets.version }).from(tickets).where(eq(tickets.id, ticketId)),
    ]);
    return { ratings, events: events.length, mail: mail.length, ticket };
  }

  const ratingOf = async (ticketId: string) => (await db.select().from(satisfactionRatings).where(eq(satisfactionRatings.ticketId, ticketId)))[0] ?? null;
  const satisfactionEvents = (ticketId: string) =>
    db
      .select({ from: ticketEvents.fromValue, to: ticketEvents.toValue, actorId: ticketEvents.actorId })
      .from(ticketEvents)
      .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.field, "satisfaction")))
      .orderBy(asc(ticketEvents.id));
  const badRatingMail = (ticketId: string) => db.select().from(outbox).where(and(eq(outbox.ticketId, ticketId), eq(outbox.template, "bad-rating")));

  /** Runs `work` with some settings changed, putting the previous values back afterwards. */
  async function withSettings(changes: SettingsChanges, work: () => Promise<void>) {
    const original = await getSettings(db);
    await updateSettings(db, changes);
    try {
      await work();
    } finally {
      const restore = Object.fromEntries(Object.keys(changes).map((key) => [key, original[key as keyof SettingsChanges]]));
      await updateSettings(db, restore);
    }
  }

  async function closeTicket(ticketId: string, closedAt: Date) {
    await db.update(tickets).set({ status: "closed", closedAt }).where(eq(tickets.id, ticketId));
  }

  describe("signed links", () => {
    it("round-trips a ticket id through a URL-safe token that only this secret signs", () => {
      const ticketId = crypto.randomUUID();
      const issuedAt = new Date();
      const token = ratingTokenFor(ticketId, issuedAt);
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(ticketIdFromRatingToken(token)).toBe(ticketId);
      expect(ratingTokenFor(ticketId, issuedAt)).toBe(token);
      expect(ticketIdFromRatingToken(token, "another-secret-of-at-least-32-characters")).toBeNull();
      expect(ratingTokenFor(crypto.randomUUID())).not.toBe(token);
    });

    it("records a rating through the link without signing in, and opening the link records nothing", async () => {
      const { ticketId, token, number, agent } = await solvedTicket();
      const before = await writesFor(ticketId);
      const opened = await anonymous.satisfaction.link({ token });
      expect(opened).toMatchObject({ ok: true, ticket: { number }, rating: null });
      expect(await writesFor(ticketId)).toEqual(before);

      const rated = await anonymous.satisfaction.rateByLink({ token, score: "good" });
      expect(rated).toMatchObject({ score: "good", comment: null, reopened: false });
      expect(await ratingOf(ticketId)).toMatchObject({ score: "good", comment: null, assigneeId: agent.id });
      expect(await anonymous.satisfaction.link({ token })).toMatchObject({ ok: true, rating: { score: "good", comment: null } });
    });

    it("refuses a tampered token, a tampered signature and a signature moved to another ticket, writing nothing", async () => {
      const a = await solvedTicket();
      const b = await solvedTicket();
      const [payload, signature] = a.token.split(".") as [string, string];
      const flip = (text: string, at: number) => text.slice(0, at) + (text[at] === "A" ? "B" : "A") + text.slice(at + 1);
      const movedToB = `${b.token.split(".")[0]}.${signature}`;
      const bad = [flip(payload, 3) + `.${signature}`, `${payload}.${flip(signature, 5)}`, `${payload}.${flip(signature, 21)}`, movedToB, `${payload}.`, "nonsense", a.token + "x"];

      const before = { a: await writesFor(a.ticketId), b: await writesFor(b.ticketId) };
      for (const token of bad) {
        const error = await errorOf(anonymous.satisfaction.rateByLink({ token, score: "bad", comment: "Moved" }));
        expect(error?.code, token).toBe("BAD_REQUEST");
        expect(error?.message).toMatch(/rating link is not valid/);
        expect(await anonymous.satisfaction.link({ token })).toMatchObject({ ok: false, refusal: { reason: "invalid" }, ticket: null });
      }
      expect(await writesFor(a.ticketId)).toEqual(before.a);
      expect(await writesFor(b.ticketId)).toEqual(before.b);

      // A's own token rates A, never B.
      await anonymous.satisfaction.rateByLink({ token: a.token, score: "bad" });
      expect(await ratingOf(a.ticketId)).toMatchObject({ score: "bad" });
      expect(await ratingOf(b.ticketId)).toBeNull();
    });

    it("refuses an unsolved ticket, and a ticket closed longer ago than the link lasts, writing nothing", async () => {
      const { satisfactionLinkDays: days } = await getSettings(db);
      const open = await solvedTicket({ solve: false });
      const before = await writesFor(open.ticketId);
      const unsolved = await errorOf(anonymous.satisfaction.rateByLink({ token: open.token, score: "good" }));
      expect(unsolved).toMatchObject({ code: "BAD_REQUEST", message: `Ticket #${open.number} is not solved, so there is nothing to rate yet.` });
      expect(await anonymous.satisfaction.link({ token: open.token })).toMatchObject({ ok: false, refusal: { reason: "unsolved" }, ticket: { number: open.number } });
      expect(await writesFor(open.ticketId)).toEqual(before);

      const expired = await solvedTicket();
      await closeTicket(expired.ticketId, new Date(Date.now() - (days + 1) * DAY_MS));
      const beforeExpired = await writesFor(expired.ticketId);
      const error = await errorOf(anonymous.satisfaction.rateByLink({ token: expired.token, score: "bad" }));
      expect(error?.code).toBe("BAD_REQUEST");
      expect(error?.message).toBe(`Ticket #${expired.number} closed more than ${days} day${days === 1 ? "" : "s"} ago, so it can no longer be rated.`);
      expect(await anonymous.satisfaction.link({ token: expired.token })).toMatchObject({ ok: false, refusal: { reason: "expired" } });
      expect(await writesFor(expired.ticketId)).toEqual(beforeExpired);

      // Closed within the window: still welcome.
      const recent = await solvedTicket();
      await closeTicket(recent.ticketId, new Date(Date.now() - (days - 0.5) * DAY_MS));
      expect(await anonymous.satisfaction.rateByLink({ token: recent.token, score: "good" })).toMatchObject({ score: "good" });
    });

    it("refuses every rating while surveys are off, and the solved email then asks nothing", async () => {
      await withSettings({ satisfactionSurveys: false }, async () => {
        const { ticketId, token, number, customer } = await solvedTicket();
        const before = await writesFor(ticketId);
        const error = await errorOf(anonymous.satisfaction.rateByLink({ token, score: "good" }));
        expect(error).toMatchObject({ code: "BAD_REQUEST", message: "Satisfaction ratings are turned off, so this ticket cannot be rated." });
        expect(await codeOf(callerFor(db, customer).satisfaction.rate({ number, score: "bad" }))).toBe("BAD_REQUEST");
        expect(await callerFor(db, customer).satisfaction.get({ number })).toMatchObject({ rating: null, refusal: { reason: "disabled" } });
        expect(await anonymous.satisfaction.link({ token })).toMatchObject({ ok: false, refusal: { reason: "disabled" } });
        expect(await writesFor(ticketId)).toEqual(before);

        const [solved] = await db.select().from(outbox).where(and(eq(outbox.ticketId, ticketId), eq(outbox.template, "ticket-solved")));
        expect(solved?.text).not.toContain("How did we do?");
        expect(solved?.text).not.toContain("/rate/");
      });
    });

    it("limits how often one ticket can be rated", async () => {
      const { token } = await solvedTicket();
      const points = rateLimitPolicies.ratingPerTicket.points;
      for (let i = 0; i < points; i++) await anonymous.satisfaction.rateByLink({ token, score: i % 2 ? "good" : "bad" });
      const error = await errorOf(anonymous.satisfaction.rateByLink({ token, score: "good" }));
      expect(error?.code).toBe("TOO_MANY_REQUESTS");
      expect(error?.message).toMatch(/rated many times/);
    });

    it("limits rating-link attempts per client address, valid or not", async () => {
      const { token } = await solvedTicket();
      const caller = createCallerFactory(appRouter)({ db, user: null, clientAddress: `203.0.113.${Math.floor(Math.random() * 250)}-${unique()}` });
      for (let i = 0; i < rateLimitPolicies.ratingPerAddress.points; i++) {
        await caller.satisfaction.rateByLink({ token: `guess${i}.nope`, score: "good" }).catch(() => undefined);
      }
      expect(await codeOf(caller.satisfaction.rateByLink({ token, score: "good" }))).toBe("TOO_MANY_REQUESTS");
      // Someone else, elsewhere, is not affected.
      expect(await anonymous.satisfaction.rateByLink({ token, score: "good" })).toMatchObject({ score: "good" });
    });
  });

  describe("the solved email (or the reply that solves)", () => {
    it("carries working Good and Bad links", async () => {
      const { ticketId, agent } = await solvedTicket();
      const [solved] = await db.select().from(outbox).where(and(eq(outbox.ticketId, ticketId), eq(outbox.template, "ticket-solved")));
      expect(solved?.text).toContain("How did we do?");
      const linkFor = (score: string) => new RegExp(`(https?://\\S+/rate/([A-Za-z0-9_.-]+))\\?score=${score}`).exec(solved?.text ?? "");
      const good = linkFor("good");
      const bad = linkFor("bad");
      expect(good?.[1]).toMatch(new RegExp(`^${env.APP_URL}/rate/`));
      expect(bad?.[2]).toBe(good?.[2]);
      expect(solved?.html).toContain(`href="${good?.[0]}"`);

      const token = decodeURIComponent(good![2]!);
      expect(ticketIdFromRatingToken(token)).toBe(ticketId);
      await anonymous.satisfaction.rateByLink({ token, score: "good" });
      await anonymous.satisfaction.rateByLink({ token, score: "good", comment: "Quick and friendly." });
      expect(await ratingOf(ticketId)).toMatchObject({ score: "good", comment: "Quick and friendly.", assigneeId: agent.id });
    });

    it("rides on the agent's reply when a public reply solves the ticket", async () => {
      const { ticketId, number, agent } = await solvedTicket({ solve: false });
      await callerFor(db, agent).tickets.reply({ number, body: "Fixed: exports run in the background now.", kind: "public", status: "solved" });
      const mails = await db.select().from(outbox).where(eq(outbox.ticketId, ticketId));
      expect(mails.filter((m) => m.template === "ticket-solved")).toEqual([]);
      const reply = mails.find((m) => m.template === "public-reply");
      const token = /\/rate\/([A-Za-z0-9_.-]+)\?score=bad/.exec(reply?.text ?? "")?.[1];
      expect(token && ticketIdFromRatingToken(token)).toBe(ticketId);
      await anonymous.satisfaction.rateByLink({ token: token!, score: "bad" });
      expect(await ratingOf(ticketId)).toMatchObject({ score: "bad", assigneeId: agent.id });

      // A reply that does not solve asks nothing.
      const other = await solvedTicket({ solve: false });
      await callerFor(db, other.agent).tickets.reply({ number: other.number, body: "Looking into it.", kind: "public" });
      const [plain] = await db.select().from(outbox).where(and(eq(outbox.ticketId, other.ticketId), eq(outbox.template, "public-reply")));
      expect(plain?.text).not.toContain("/rate/");
    });
  });

  describe("ratings", () => {
    it("keeps one rating per ticket: a new score replaces the old one, the same score only updates the comment", async () => {
      const { ticketId, token, customer } = await solvedTicket();
      const first = await anonymous.satisfaction.rateByLink({ token, score: "good", comment: "Great help" });
      const again = await anonymous.satisfaction.rateByLink({ token, score: "good" });
      expect(again).toMatchObject({ score: "good", comment: "Great help" });
      expect(again.ratedAt).toEqual(first.ratedAt);
      const commented = await anonymous.satisfaction.rateByLink({ token, score: "good", comment: "  Great help, thanks!  " });
      expect(commented).toMatchObject({ comment: "Great help, thanks!" });
      expect(await satisfactionEvents(ticketId)).toEqual([{ from: null, to: "good", actorId: customer.id }]);

      const changed = await anonymous.satisfaction.rateByLink({ token, score: "bad" });
      expect(changed).toMatchObject({ score: "bad", comment: null });
      expect(changed.ratedAt.getTime()).toBeGreaterThanOrEqual(first.ratedAt.getTime());
      const rows = await db.select().from(satisfactionRatings).where(eq(satisfactionRatings.ticketId, ticketId));
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ score: "bad", comment: null });
      expect(await satisfactionEvents(ticketId)).toEqual([
        { from: null, to: "good", actorId: customer.id },
        { from: "good", to: "bad", actorId: customer.id },
      ]);
      // An empty comment clears it.
      await anonymous.satisfaction.rateByLink({ token, score: "bad", comment: "Too slow" });
      expect(await anonymous.satisfaction.rateByLink({ token, score: "bad", comment: "   " })).toMatchObject({ comment: null });
    });

    it("records who had the ticket when it was rated", async () => {
      const { ticketId, token, number, agent } = await solvedTicket();
      await anonymous.satisfaction.rateByLink({ token, score: "good" });
      expect(await ratingOf(ticketId)).toMatchObject({ assigneeId: agent.id });

      const other = await createUser(db, { role: "agent" });
      const { ticket } = await callerFor(db, agent).tickets.get({ number });
      await callerFor(db, agent).desk.update({ number, version: ticket.version, changes: { assigneeId: other.id } });
      // A comment belongs to the rating as it was given; a new score is a new rating, for the new assignee.
      await anonymous.satisfaction.rateByLink({ token, score: "good", comment: "Thanks" });
      expect(await ratingOf(ticketId)).toMatchObject({ assigneeId: agent.id, comment: "Thanks" });
      await anonymous.satisfaction.rateByLink({ token, score: "bad" });
      expect(await ratingOf(ticketId)).toMatchObject({ assigneeId: other.id, score: "bad" });

      const unassigned = await solvedTicket({ assign: false });
      await callerFor(db, unassigned.customer).satisfaction.rate({ number: unassigned.number, score: "bad" });
      expect(await ratingOf(unassigned.ticketId)).toMatchObject({ assigneeId: null, score: "bad" });
      expect(await badRatingMail(unassigned.ticketId)).toEqual([]);
    });

    it("shows staff the rating and its event on the ticket, and customers neither through the ticket", async () => {
      const { token, number, agent, customer } = await solvedTicket();
      await anonymous.satisfaction.rateByLink({ token, score: "bad", comment: "Nobody listened." });
      const staffView = await callerFor(db, agent).tickets.get({ number });
      expect(staffView.satisfaction).toMatchObject({ score: "bad", comment: "Nobody listened.", assigneeName: "Alex Agent" });
      expect(staffView.timeline.filter((e) => e.field === "satisfaction")).toMatchObject([{ toValue: "bad", actorName: "Dana Rater" }]);
      const customerView = await callerFor(db, customer).tickets.get({ number });
      expect(customerView.satisfaction).toBeNull();
      expect(await callerFor(db, customer).satisfaction.get({ number })).toMatchObject({ rating: { score: "bad", comment: "Nobody listened." }, refusal: null });
    });
  });

  describe("in the portal", () => {
    it("lets only the requester rate and read their rating; a colleague, an agent and a stranger are refused", async () => {
      const { ticketId, number, customer, colleague, agent } = await solvedTicket();
      const stranger = await createUser(db);
      const before = await writesFor(ticketId);
      for (const [who, expected] of [
        [colleague, "FORBIDDEN"],
        [agent, "FORBIDDEN"],
        [stranger, "NOT_FOUND"],
      ] as const) {
        expect(await codeOf(callerFor(db, who).satisfaction.rate({ number, score: "bad", comment: "Not mine" })), who.name).toBe(expected);
        expect(await codeOf(callerFor(db, who).satisfaction.get({ number })), who.name).toBe(expected);
      }
      expect(await codeOf(anonymous.satisfaction.rate({ number, score: "bad" }))).toBe("UNAUTHORIZED");
      expect(await writesFor(ticketId)).toEqual(before);

      const api = callerFor(db, customer).satisfaction;
      expect(await api.get({ number })).toEqual({ rating: null, refusal: null });
      await api.rate({ number, score: "good", comment: "Sorted quickly" });
      await api.rate({ number, score: "bad" });
      expect(await api.get({ number })).toMatchObject({ rating: { score: "bad", comment: null }, refusal: null });
      expect(await ratingOf(ticketId)).toMatchObject({ score: "bad", assigneeId: agent.id });
    });

    it("follows the same rules as the link: not before it is solved, not long after it closed", async () => {
      const { satisfactionLinkDays: days } = await getSettings(db);
      const open = await solvedTicket({ solve: false });
      expect(await codeOf(callerFor(db, open.customer).satisfaction.rate({ number: open.number, score: "good" }))).toBe("BAD_REQUEST");
      expect(await callerFor(db, open.customer).satisfaction.get({ number: open.number })).toMatchObject({ refusal: { reason: "unsolved" } });

      const old = await solvedTicket();
      await callerFor(db, old.customer).satisfaction.rate({ number: old.number, score: "good" });
      await closeTicket(old.ticketId, new Date(Date.now() - (days + 1) * DAY_MS));
      const before = await writesFor(old.ticketId);
      expect(await codeOf(callerFor(db, old.customer).satisfaction.rate({ number: old.number, score: "bad" }))).toBe("BAD_REQUEST");
      expect(await callerFor(db, old.customer).satisfaction.get({ number: old.number })).toMatchObject({ rating: { score: "good" }, refusal: { reason: "expired" } });
      expect(await writesFor(old.ticketId)).toEqual(before);
    });
  });

  describe("bad ratings", () => {
    it("email the assignee once per rating, with a comment given at once", async () => {
      const { ticketId, token, agent, number } = await solvedTicket();
      await anonymous.satisfaction.rateByLink({ token, score: "bad", comment: "It still fails." });
      await anonymous.satisfaction.rateByLink({ token, score: "bad" });
      await anonymous.satisfaction.rateByLink({ token, score: "bad", comment: "It still fails on Fridays." });
      const mails = await badRatingMail(ticketId);
      expect(mails).toHaveLength(1);
      expect(mails[0]?.toAddress).toBe(agent.email);
      expect(mails[0]?.subject).toMatch(new RegExp(`^\\[#${number}\\] Rated bad by Dana Rater: Export is broken`));
      expect(mails[0]?.text).toContain("It still fails.");
      expect(mails[0]?.text).toContain(`/desk/tickets/${number}`);

      // A good rating sends nothing; a later bad one is a new rating and says so again.
      await anonymous.satisfaction.rateByLink({ token, score: "good" });
      expect(await badRatingMail(ticketId)).toHaveLength(1);
      await anonymous.satisfaction.rateByLink({ token, score: "bad" });
      expect(await badRatingMail(ticketId)).toHaveLength(2);
    });

    it("leave the ticket as it is while reopening is off", async () => {
      await withSettings({ reopenOnBadRating: false }, async () => {
        const { ticketId, token } = await solvedTicket();
        const before = await writesFor(ticketId);
        expect(await anonymous.satisfaction.rateByLink({ token, score: "bad" })).toMatchObject({ reopened: false });
        expect((await writesFor(ticketId)).ticket).toEqual(before.ticket);
      });
    });

    it("reopen a solved ticket when the setting is on, as the system, and leave a closed one closed", async () => {
      await withSettings({ reopenOnBadRating: true }, async () => {
        const { ticketId, token, number, agent } = await solvedTicket();
        const before = await writesFor(ticketId);
        expect(await anonymous.satisfaction.rateByLink({ token, score: "bad" })).toMatchObject({ reopened: true });
        const [ticket] = await db.select().from(tickets).where(eq(tickets.id, ticketId));
        expect(ticket).toMatchObject({ status: "open", solvedAt: null });
        expect(ticket!.version).toBeGreaterThan(before.ticket!.version);
        const reopen = await db
          .select()
          .from(ticketEvents)
          .where(and(eq(ticketEvents.ticketId, ticketId), eq(ticketEvents.field, "status"), eq(ticketEvents.toValue, "open")));
        expect(reopen).toMatchObject([{ fromValue: "solved", actorId: null, detail: "bad satisfaction rating" }]);
        const [mail] = await badRatingMail(ticketId);
        expect(mail?.text).toContain("The ticket has been reopened");
        // The comment that follows on the rating page still lands, though the ticket is open again.
        expect(await anonymous.satisfaction.rateByLink({ token, score: "bad", comment: "Still broken." })).toMatchObject({ comment: "Still broken." });
        // A new score needs a solved ticket again.
        expect(await codeOf(anonymous.satisfaction.rateByLink({ token, score: "good" }))).toBe("BAD_REQUEST");
        const staffView = await callerFor(db, agent).tickets.get({ number });
        expect(staffView.timeline.find((e) => e.field === "status" && e.toValue === "open")).toMatchObject({ actorName: null, detail: "bad satisfaction rating" });

        const closed = await solvedTicket();
        await closeTicket(closed.ticketId, new Date());
        expect(await anonymous.satisfaction.rateByLink({ token: closed.token, score: "bad" })).toMatchObject({ reopened: false });
        const [stillClosed] = await db.select({ status: tickets.status }).from(tickets).where(eq(tickets.id, closed.ticketId));
        expect(stillClosed?.status).toBe("closed");
        expect(await badRatingMail(closed.ticketId)).toHaveLength(1);
      });
    });
  });
});
