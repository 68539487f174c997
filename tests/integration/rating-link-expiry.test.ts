/**
 * Rating links used to work forever: the token carried the ticket id alone.
 * The signed payload now carries the second the link was issued, and a link
 * works for RATING_LINK_LIFETIME_DAYS after it; then opening it says it has
 * expired and points to the ticket in the portal (where the requester can
 * still rate after signing in), and using it writes nothing. The issue time
 * cannot be moved without breaking the signature. Links mailed before this
 * change (the id alone) work until the ticket's solved_at plus the lifetime.
 */
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { isValidElement } from "react";
import { afterAll, describe, expect, it, vi } from "vitest";
import { satisfactionRatings, ticketEvents, tickets } from "@/db/schema";
import { getAuthSecret } from "@/server/auth/secret";
import { RATING_LINK_LIFETIME_DAYS, ratingLinkExpiresAt, ratingTokenFor, readRatingToken } from "@/server/satisfaction/rating-links";
import { callerFor, createCategory, createUser, unique } from "../support/factories";
import { endRequestSessions, presentSessionOf } from "../support/request-session";
import { useTestDatabase } from "../support/test-db";
import { errorOf } from "../support/trpc-errors";

vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS);

/** A token as links were signed before issue times: the ticket id alone, under the v1 label. */
function legacyToken(ticketId: string): string {
  const payload = Buffer.from(ticketId.replaceAll("-", ""), "hex").toString("base64url");
  const key = crypto.createHmac("sha256", getAuthSecret()).update("frontdesk rating-link v1").digest();
  const signature = crypto.createHmac("sha256", key).update(`rating:${payload}`).digest().subarray(0, 16).toString("base64url");
  return `${payload}.${signature}`;
}

describe("rating link lifetime", async () => {
  const { db } = await useTestDatabase();
  const { category } = await createCategory(db);
  const anonymous = callerFor(db, null);
  afterAll(endRequestSessions);

  async function solvedTicket() {
    const customer = await createUser(db);
    const agent = await createUser(db, { role: "agent" });
    const { id, number } = await callerFor(db, customer).tickets.create({ subject: `Rating expiry ${unique()}`, body: "The export button does nothing.", categoryId: category.id });
    await callerFor(db, agent).desk.update({ number, version: 1, changes: { status: "solved" } });
    return { customer, ticketId: id, number };
  }

  async function writesFor(ticketId: string) {
    const [ratings, events] = await Promise.all([
      db.select().from(satisfactionRatings).where(eq(satisfactionRatings.ticketId, ticketId)),
      db.select().from(ticketEvents).where(eq(ticketEvents.ticketId, ticketId)),
    ]);
    return { ratings, events: events.length };
  }

  it("carries its issue time under the signature", () => {
    const ticketId = crypto.randomUUID();
    const issuedAt = new Date("2026-03-01T12:00:00Z");
    const token = ratingTokenFor(ticketId, issuedAt);
    expect(readRatingToken(token)).toEqual({ ticketId, issuedAt });
    // Moving the time (the last payload bytes) breaks the signature.
    const [payload, signature] = token.split(".") as [string, string];
    const bytes = Buffer.from(payload, "base64url");
    bytes.writeUInt32BE(bytes.readUInt32BE(16) + DAY_MS / 1000, 16);
    expect(readRatingToken(`${bytes.toString("base64url")}.${signature}`)).toBeNull();
    // A v1 signature does not sign a v2 payload, nor the other way round.
    expect(readRatingToken(`${payload.slice(0, 22)}.${signature}`)).toBeNull();
    expect(readRatingToken(`${payload}.${legacyToken(ticketId).split(".")[1]}`)).toBeNull();
  });

  it("works within its lifetime", async () => {
    const { ticketId, number } = await solvedTicket();
    const token = ratingTokenFor(ticketId, daysAgo(RATING_LINK_LIFETIME_DAYS - 1));
    expect(await anonymous.satisfaction.link({ token })).toMatchObject({ ok: true, ticket: { number } });
    expect(await anonymous.satisfaction.rateByLink({ token, score: "good" })).toMatchObject({ score: "good" });
  });

  it("refuses an expired link with a message pointing to the portal, writing nothing; the portal still rates", async () => {
    const { ticketId, number, customer } = await solvedTicket();
    const token = ratingTokenFor(ticketId, daysAgo(RATING_LINK_LIFETIME_DAYS + 1));
    const before = await writesFor(ticketId);

    const opened = await anonymous.satisfaction.link({ token });
    expect(opened).toMatchObject({ ok: false, refusal: { reason: "link_expired" }, ticket: { number } });
    const error = await errorOf(anonymous.satisfaction.rateByLink({ token, score: "bad", comment: "Late" }));
    expect(error?.code).toBe("BAD_REQUEST");
    expect(error?.message).toBe(
      `Rating links from our emails work for ${RATING_LINK_LIFETIME_DAYS} days, and this one has expired. You can still rate ticket #${number} from its page in the portal after signing in.`,
    );
    expect(await writesFor(ticketId)).toEqual(before);

    expect(await callerFor(db, customer).satisfaction.rate({ number, score: "good" })).toMatchObject({ score: "good" });
  });

  it("refuses a link issued in the future as invalid", async () => {
    const { ticketId } = await solvedTicket();
    const token = ratingTokenFor(ticketId, new Date(Date.now() + DAY_MS));
    expect(await anonymous.satisfaction.link({ token })).toMatchObject({ ok: false, refusal: { reason: "invalid" }, ticket: null });
    expect((await errorOf(anonymous.satisfaction.rateByLink({ token, score: "good" })))?.message).toMatch(/rating link is not valid/);
  });

  it("keeps links mailed before the change working until solved_at plus the lifetime", async () => {
    const recent = await solvedTicket();
    expect(await anonymous.satisfaction.link({ token: legacyToken(recent.ticketId) })).toMatchObject({ ok: true });
    expect(await anonymous.satisfaction.rateByLink({ token: legacyToken(recent.ticketId), score: "good" })).toMatchObject({ score: "good" });

    const old = await solvedTicket();
    await db.update(tickets).set({ solvedAt: daysAgo(RATING_LINK_LIFETIME_DAYS + 1) }).where(eq(tickets.id, old.ticketId));
    const before = await writesFor(old.ticketId);
    expect(await anonymous.satisfaction.link({ token: legacyToken(old.ticketId) })).toMatchObject({ ok: false, refusal: { reason: "link_expired" } });
    expect(await errorOf(anonymous.satisfaction.rateByLink({ token: legacyToken(old.ticketId), score: "bad" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await writesFor(old.ticketId)).toEqual(before);
  });

  it("renders a page that says the link expired and links to the ticket in the portal", async () => {
    const { ticketId, number } = await solvedTicket();
    const { default: RatePage } = await import("@/app/rate/[token]/page");
    presentSessionOf(db, null);
    const token = ratingTokenFor(ticketId, daysAgo(RATING_LINK_LIFETIME_DAYS + 2));
    const tree = await RatePage({ params: Promise.resolve({ token }), searchParams: Promise.resolve({ score: "good" }) });
    const text = textOf(tree);
    expect(text).toContain("This rating link has expired");
    expect(text).toContain(`You can still rate ticket #${number} from its page in the portal`);
    expect(hrefsIn(tree)).toContain(`/tickets/${number}`);
  });

  it("stops links mailed before the change at a fixed date, so a reopen and re-solve cannot revive them", () => {
    const link = { ticketId: crypto.randomUUID(), issuedAt: null };
    const resolvedNextYear = { solvedAt: new Date("2027-06-01T00:00:00Z") };
    expect(ratingLinkExpiresAt(link, resolvedNextYear)?.toISOString()).toBe("2027-01-03T00:00:00.000Z");
  });
});

function textOf(node: unknown): string {
  if (typeof node === "string" || typeof node === "number") return String(node);
  if (Array.isArray(node)) return node.map(textOf).join("");
  if (isValidElement<{ children?: unknown }>(node)) return textOf(node.props.children);
  return "";
}

function hrefsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(hrefsIn);
  if (!isValidElement<{ children?: unknown; href?: unknown }>(node)) return [];
  return [...(typeof node.props.href === "string" ? [node.props.href] : []), ...hrefsIn(node.props.children)];
}
