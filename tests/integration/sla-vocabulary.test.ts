/**
 * One SLA vocabulary (lib/sla-state.ts) wherever a clock is shown: "Overdue"
 * for a clock past its due time, "Overdue, paused" or "Paused" with time left
 * for a paused one, "Missed" or "Met" for a finished one, never "Breached";
 * the queue badge, the ticket's SLA panel and the overdue email agree. And a
 * ticket opened before its policy existed is measured from the policy's
 * creation, not shown weeks overdue.
 */
import { eq } from "drizzle-orm";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { slaPolicies, tickets, ticketSlas } from "@/db/schema";
import { single } from "@/db/rows";
import { renderEmail } from "@/emails/render-email";
import SlaBreached from "@/emails/sla-breached";
import { SlaBadge } from "@/components/desk/sla-badge";
import { SlaPanel } from "@/components/desk/sla-panel";
import { stateOf } from "@/lib/sla-state";
import type { TicketDetail } from "@/server/tickets/ticket-detail";
import { callerFor, createCategory, createOrganization, createUser, unique } from "../support/factories";
import { nonsenseWord } from "../support/nonsense-word";
import { useTestDatabase } from "../support/test-db";

const MINUTE = 60_000;
const now = new Date("2026-12-04T12:00:00Z");
const at = (minutesFromNow: number) => new Date(now.getTime() + minutesFromNow * MINUTE);
type Clock = TicketDetail["sla"][number];

function clock(marks: Partial<Clock>): Clock {
  return {
    metric: "first_response",
    policyName: "Urgent",
    targetMinutes: 60,
    elapsedMinutes: 0,
    runningSince: null,
    dueAt: null,
    atRiskAt: null,
    completedAt: null,
    met: null,
    breachedAt: null,
    ...marks,
  };
}

/** The panel's text for one clock: its state and the line under it. */
function panelText(c: Clock): string {
  return renderToStaticMarkup(createElement(SlaPanel, { clocks: [c], now })).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
}

describe("SLA words", () => {
  it("calls a running clock past due Overdue, in the panel and in the queue badge", () => {
    const overdue = clock({ runningSince: at(-120), dueAt: at(-60), atRiskAt: at(-75) });
    expect(stateOf(overdue, now)).toBe("overdue");
    expect(panelText(overdue)).toContain("Overdue");
    expect(panelText(overdue)).toContain("1 h overdue");
    const badge = renderToStaticMarkup(createElement(SlaBadge, { dueAt: at(-60), atRiskAt: at(-75), pausedAt: null, now }));
    expect(badge).toContain("Overdue 1 h");
    expect(badge).toContain('data-sla-state="overdue"');
  });

  it("shows a paused clock as Paused with the time left, or Overdue, paused once past due, never Breached · Paused", () => {
    const pausedInTime = clock({ elapsedMinutes: 20 });
    expect(panelText(pausedInTime)).toMatch(/Paused Paused with 40 min of business time left/);
    const pausedLate = clock({ elapsedMinutes: 90, breachedAt: at(-60) });
    expect(stateOf(pausedLate, now)).toBe("overdue_paused");
    expect(panelText(pausedLate)).toContain("Overdue, paused");
    expect(panelText(pausedLate)).toContain("30 min of business time past the target");
    // Started paused with the target already used up (no due time was ever noticed).
    expect(stateOf(clock({ elapsedMinutes: 75 }), now)).toBe("overdue_paused");
  });

  it("calls a finished clock Met or Missed", () => {
    expect(panelText(clock({ completedAt: at(-10), met: true, elapsedMinutes: 30 }))).toContain("Met");
    expect(panelText(clock({ completedAt: at(-10), met: false, elapsedMinutes: 90, breachedAt: at(-40) }))).toContain("Missed");
  });

  it("never says Breached in the panel, the badge or the email", async () => {
    const all = [
      clock({ runningSince: at(-120), dueAt: at(-60), atRiskAt: at(-75) }),
      clock({ elapsedMinutes: 90, breachedAt: at(-60) }),
      clock({ completedAt: at(-10), met: false, elapsedMinutes: 90, breachedAt: at(-40) }),
    ];
    for (const c of all) expect(panelText(c)).not.toMatch(/breach/i);
    const email = await renderEmail("sla-breached", SlaBreached.PreviewProps);
    expect(email.subject).toBe("[#1042] First response overdue: Export button does nothing");
    expect(email.text).toContain("First response overdue on #1042");
    expect(`${email.subject} ${email.text}`).not.toMatch(/breach|missed/i);
  });
});

describe("a ticket opened before its SLA policy existed", async () => {
  const { db } = await useTestDatabase();

  it("is measured from when the policy was added, not from its creation weeks ago", async () => {
    const organization = await createOrganization(db);
    const { category } = await createCategory(db, { defaultPriority: "urgent" });
    const customer = await createUser(db, { organizationId: organization.id });
    const agent = await createUser(db, { role: "agent" });
    const created = await callerFor(db, customer).tickets.create({ subject: "Old request", body: "Filed long ago.", categoryId: category.id });
    // No policy yet: no clocks. Then the ticket turns out to be three weeks old.
    expect(await db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, created.id))).toEqual([]);
    const threeWeeksAgo = new Date(Date.now() - 21 * 24 * 60 * MINUTE);
    await db.update(tickets).set({ createdAt: threeWeeksAgo }).where(eq(tickets.id, created.id));

    const policy = single(
      await db
        .insert(slaPolicies)
        .values({ name: unique("Urgent"), priority: "urgent", organizationId: organization.id, firstResponseMinutes: 60, resolutionMinutes: 480 })
        .returning(),
      "policy",
    );
    const ticket = single(await db.select().from(tickets).where(eq(tickets.id, created.id)), "ticket");
    await callerFor(db, agent).desk.update({ number: ticket.number, version: ticket.version, changes: { tags: ["legacy"] } });

    const clocks = Object.fromEntries((await db.select().from(ticketSlas).where(eq(ticketSlas.ticketId, created.id))).map((c) => [c.metric, c]));
    expect(clocks.first_response?.runningSince).toEqual(policy.createdAt);
    expect(clocks.first_response?.dueAt?.getTime()).toBe(policy.createdAt.getTime() + 60 * MINUTE);
    const after = single(await db.select().from(tickets).where(eq(tickets.id, created.id)), "ticket");
    expect(after.slaDueAt!.getTime()).toBeGreaterThan(Date.now());
    expect(stateOf(clocks.first_response!, new Date())).toBe("on_track");
  });

  it("reads Overdue, paused in the queue for a waiting ticket whose paused clock is past its target, like its page", async () => {
    const customer = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const word = nonsenseWord();
    const { category } = await createCategory(db);
    const created = await callerFor(db, customer).tickets.create({ subject: `Paused late ${word}`, body: "Waiting on the customer.", categoryId: category.id });
    await db.insert(ticketSlas).values({ ticketId: created.id, metric: "first_response", targetMinutes: 60, elapsedMinutes: 90, breachedAt: new Date(Date.now() - 30 * MINUTE) });
    await db.update(tickets).set({ status: "pending", slaPausedAt: new Date(), slaDueAt: null, slaAtRiskAt: null }).where(eq(tickets.id, created.id));

    const row = single((await callerFor(db, agent).desk.queue({ view: "pending", query: word, limit: 25 })).items, "queue row");
    expect(row.slaPausedOverdue).toBe(true);
    const badge = renderToStaticMarkup(createElement(SlaBadge, { dueAt: row.slaDueAt, atRiskAt: row.slaAtRiskAt, pausedAt: row.slaPausedAt, pausedOverdue: row.slaPausedOverdue }));
    expect(badge).toContain("Overdue, paused");
    expect(badge).toContain('data-sla-state="overdue_paused"');

    // Still within its target while paused: just Paused.
    await db.update(ticketSlas).set({ elapsedMinutes: 20, breachedAt: null }).where(eq(ticketSlas.ticketId, created.id));
    const inTime = single((await callerFor(db, agent).desk.queue({ view: "pending", query: word, limit: 25 })).items, "queue row");
    expect(inTime.slaPausedOverdue).toBe(false);
  });
});
