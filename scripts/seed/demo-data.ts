import crypto from "node:crypto";
import { count, sql } from "drizzle-orm";
import {
  cannedResponses,
  categories,
  messages,
  organizations,
  teamMembers,
  teams,
  ticketEvents,
  tickets,
  users,
  type TicketChannel,
  type TicketPriority,
  type TicketStatus,
} from "@/db/schema";
import type { Db } from "@/db/types";
import { hashPassword } from "@/server/auth/password";
import { demoConversations } from "./demo-conversations";
import { seedDemoCustomFields } from "./demo-custom-fields";
import { seedDemoKnowledge } from "./demo-knowledge";
import { playTicketHistory } from "./demo-history";
import { seedDemoSla } from "./demo-sla";
import {
  customerEmail,
  demoCannedResponses,
  demoCategories,
  demoCustomers,
  demoOrganizations,
  demoPassword,
  demoStaff,
  demoTeams,
  type DemoTeamKey,
} from "./demo-people";
import { Random } from "./random";

const DAY = 86_400_000;
const AUTO_CLOSE_DAYS = 4;

export interface SeedOptions {
  tickets?: number;
  days?: number;
  now?: Date;
}

/** The demo sign-ins, printed after seeding and listed in the README. */
export function demoSignIns(): { role: string; email: string; password: string }[] {
  const customer = demoCustomers[0];
  return [
    ...demoStaff.filter((s, i) => s.role !== "agent" || i === 2).map((s) => ({ role: s.role, email: s.email, password: demoPassword })),
    ...(customer ? [{ role: "customer", email: customerEmail(customer), password: demoPassword }] : []),
  ];
}

// Names the advisory lock that lets only one of several starting servers seed.
const SEED_LOCK_KEY = 725_104_212;

/** Seeds the demo when the database has no users yet. Returns whether it seeded. */
export async function seedDemoDataIfEmpty(db: Db, options: { log: (line: string) => void }): Promise<boolean> {
  const started = Date.now();
  const summary = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const [row] = await tx.select({ n: count() }).from(users);
    if ((row?.n ?? 0) > 0) return null;
    options.log("Empty database: creating demo data…");
    return seedDemoData(tx);
  });
  if (!summary) return false;
  options.log(`Demo data ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.tickets} tickets, ${summary.messages} messages.`);
  options.log("Sign in with (password for all: " + demoPassword + "):");
  for (const signIn of demoSignIns()) options.log(`  ${signIn.role.padEnd(9)} ${signIn.email}`);
  return true;
}

async function insertInChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 500): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** A day in the window, later days likelier (the business grows) and weekends quieter. */
function pickCreatedAt(random: Random, now: Date, days: number): Date {
  for (;;) {
    const daysAgo = Math.floor(days * Math.pow(random.next(), 1.15));
    const day = new Date(now.getTime() - daysAgo * DAY);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    if (weekend && random.chance(0.65)) continue;
    day.setUTCHours(random.chance(0.85) ? random.int(7, 18) : random.int(0, 23), random.int(0, 59), random.int(0, 59), 0);
    if (day < now) return day;
  }
}

function pickStatus(random: Random, ageDays: number): TicketStatus {
  if (ageDays < 2) return random.weighted({ new: 35, open: 30, pending: 15, on_hold: 5, solved: 15 });
  if (ageDays < 7) return random.weighted({ new: 4, open: 22, pending: 20, on_hold: 8, solved: 26, closed: 20 });
  if (ageDays < 14) return random.weighted({ open: 8, pending: 8, on_hold: 4, solved: 10, closed: 70 });
  return random.weighted({ open: 2, pending: 2, on_hold: 2, closed: 94 });
}

export async function seedDemoData(db: Db, options: SeedOptions = {}): Promise<{ tickets: number; messages: number }> {
  const random = new Random(1042);
  const now = options.now ?? new Date();
  const ticketCount = options.tickets ?? 400;
  const days = options.days ?? 120;
  // Demo accounts share one password, so one hash serves them all.
  const passwordHash = await hashPassword(demoPassword);
  const startedAt = new Date(now.getTime() - (days + 30) * DAY);

  const organizationIds = demoOrganizations.map(() => crypto.randomUUID());
  const teamIds = new Map<DemoTeamKey, string>(demoTeams.map((t) => [t.key, crypto.randomUUID()]));
  const staffIds = demoStaff.map(() => crypto.randomUUID());
  const customerIds = demoCustomers.map(() => crypto.randomUUID());
  const categoryIds = new Map(demoCategories.map((c) => [c.slug, crypto.randomUUID()]));
  const teamId = (key: DemoTeamKey) => teamIds.get(key) ?? null;

  await db.transaction(async (tx) => {
    await tx.insert(organizations).values(demoOrganizations.map((o, i) => ({ id: organizationIds[i], ...o, createdAt: startedAt })));
    await tx
      .insert(teams)
      .values(demoTeams.map((t) => ({ id: teamId(t.key) ?? undefined, name: t.name, description: t.description, assignmentMode: t.assignmentMode, createdAt: startedAt })));
    await tx.insert(users).values([
      ...demoStaff.map((s, i) => ({ id: staffIds[i], name: s.name, email: s.email, role: s.role, passwordHash, createdAt: startedAt })),
      ...demoCustomers.map((c, i) => ({
        id: customerIds[i],
        name: c.name,
        email: customerEmail(c),
        role: "customer" as const,
        organizationId: organizationIds[c.organization] ?? null,
        // Verified members: a domain alone makes nobody a member (see server/users/organization-membership.ts).
        emailVerified: startedAt,
        passwordHash,
        createdAt: startedAt,
      })),
    ]);
    await tx.insert(teamMembers).values(
      demoStaff.flatMap((s, i) => s.teams.map((key) => ({ teamId: teamId(key) ?? "", userId: staffIds[i] ?? "" }))),
    );
    await tx.insert(cannedResponses).values(demoCannedResponses.map((c) => ({ ...c, createdById: staffIds[0] ?? null, createdAt: startedAt, updatedAt: startedAt })));
    await tx.insert(categories).values(
      demoCategories.map((c, i) => ({
        id: categoryIds.get(c.slug),
        name: c.name,
        description: c.description,
        defaultTeamId: teamId(c.team),
        defaultPriority: c.priority,
        position: i,
        createdAt: startedAt,
      })),
    );

    const agentsByTeam = new Map<DemoTeamKey, string[]>(
      demoTeams.map((t) => [t.key, demoStaff.flatMap((s, i) => (s.role === "agent" && s.teams.includes(t.key) ? [staffIds[i] ?? ""] : []))]),
    );
    const allAgents = [...new Set([...agentsByTeam.values()].flat())];
    // A few customers write far more often than others, as in real help desks.
    const customers = demoCustomers.map((c, i) => ({ ...c, id: customerIds[i] ?? "", weight: 1 + 12 / (i + 1) }));

    const createdTimes = Array.from({ length: ticketCount }, () => pickCreatedAt(random, now, days)).sort((a, b) => a.getTime() - b.getTime());
    const ticketRows: (typeof tickets.$inferInsert)[] = [];
    const messageRows: (typeof messages.$inferInsert)[] = [];
    const eventRows: (typeof ticketEvents.$inferInsert)[] = [];

    createdTimes.forEach((createdAt, index) => {
      const category = random.weightedItem(demoCategories, (c) => c.weight);
      const conversation = random.pick(demoConversations.filter((c) => c.category === category.slug));
      const requester = random.weightedItem(customers, (c) => c.weight);
      const requesterId = requester.id;
      const priority: TicketPriority = random.chance(0.15) ? random.pick(["low", "normal", "high"] as const) : conversation.priority;
      const team = random.chance(0.08) ? random.pick(demoTeams).key : category.team;
      const agents = agentsByTeam.get(team) ?? allAgents;
      const ageDays = (now.getTime() - createdAt.getTime()) / DAY;
      const status = pickStatus(random, ageDays);
      // Only fresh tickets still wait for an owner.
      const unassigned = status === "new" || (status === "open" && ageDays < 7 && random.chance(0.3));
      const history = playTicketHistory(
        {
          createdAt,
          now,
          status,
          priority,
          conversation,
          customerFirstName: requester.name.split(" ")[0] ?? requester.name,
          requesterId,
          agentId: random.pick(agents.length ? agents : allAgents),
          assigned: !unassigned,
          autoCloseDays: AUTO_CLOSE_DAYS,
        },
        random,
      );
      const ticketId = crypto.randomUUID();
      const channel: TicketChannel = random.weighted({ web: 70, email: 25, api: 5 });
      const tags = category.tags.filter(() => random.chance(0.25)).slice(0, 2);

      ticketRows.push({
        id: ticketId,
        number: 1000 + index,
        subject: conversation.subject,
        status: history.status,
        priority,
        channel,
        categoryId: categoryIds.get(category.slug) ?? null,
        requesterId,
        organizationId: organizationIds[requester.organization] ?? null,
        teamId: teamId(team),
        assigneeId: history.assigneeId,
        tags,
        version: 1 + history.events.length,
        createdAt,
        updatedAt: history.updatedAt,
        firstResponseAt: history.firstResponseAt,
        solvedAt: history.solvedAt,
        closedAt: history.closedAt,
      });
      for (const m of history.messages) messageRows.push({ ticketId, authorId: m.authorId, kind: m.kind, body: m.body, createdAt: m.at });
      // As createTicket writes them: "created" first, then the category's defaults.
      const [created, ...later] = history.events.map((e) => ({ ticketId, actorId: e.actorId, field: e.field, fromValue: e.from, toValue: e.to, createdAt: e.at }));
      eventRows.push(
        ...(created ? [created] : []),
        { ticketId, actorId: null, field: "priority", toValue: priority, createdAt },
        { ticketId, actorId: null, field: "team", toValue: teamId(team), createdAt },
        ...later,
      );
    });

    await seedDemoCustomFields(tx, { categoryIds, ticketRows, now: startedAt });
    await insertInChunks(ticketRows, (chunk) => tx.insert(tickets).values(chunk));
    await insertInChunks(messageRows, (chunk) => tx.insert(messages).values(chunk));
    await insertInChunks(eventRows, (chunk) => tx.insert(ticketEvents).values(chunk));
    // Numbers were given explicitly (in creation order): move the sequence past them.
    await tx.execute(sql`select setval('ticket_number_seq', (select coalesce(max(number), 999) from tickets))`);
    await seedDemoSla(tx, {
      technicalTeamId: teamId("technical"),
      categoryIds,
      unsolvedTicketIds: ticketRows.filter((t) => t.status !== "solved" && t.status !== "closed").map((t) => t.id ?? ""),
      solvedTickets: ticketRows.flatMap((t) =>
        t.solvedAt && t.id
          ? [{ id: t.id, priority: t.priority ?? "normal", teamId: t.teamId ?? null, assigneeId: t.assigneeId ?? null, createdAt: t.createdAt ?? now, firstResponseAt: t.firstResponseAt ?? null, solvedAt: t.solvedAt }]
          : [],
      ),
      now,
      startedAt,
    });
    await seedDemoKnowledge(tx, { authorIds: staffIds.slice(1, 4), now });
  });
  return { tickets: ticketCount, messages: await db.$count(messages) };
}

/** Empties every table, for `db:seed --reset`. */
export async function resetDatabase(db: Db): Promise<void> {
  await db.execute(
    sql`truncate table custom_fields, ticket_form_fields, article_feedback, article_revisions, articles, article_sections, article_categories, satisfaction_ratings, automation_runs, automation_rules, ticket_slas, sla_policies, business_calendars, ticket_events, attachments, ticket_viewers, canned_responses, rate_limits, messages, tickets, categories, team_members, teams, accounts, sessions, verification_tokens, users, organizations cascade`,
  );
  await db.execute(sql`select setval('ticket_number_seq', 1000, false)`);
}
