/**
 * The people, teams, categories and SLA setup behind the bulk seed: the demo
 * cast (so the demo sign-ins work) grown to the size of the data set: N/20
 * customers in N/500 organizations, about 40 agents in 5 teams, the demo
 * categories, calendars, policies and rules.
 */
import crypto from "node:crypto";
import { businessCalendars, cannedResponses, categories, organizations, slaPolicies, teamMembers, teams, users, type AssignmentMode, type TicketPriority } from "@/db/schema";
import type { Db } from "@/db/types";
import { hashPassword } from "@/server/auth/password";
import { businessCalendarOf } from "@/server/sla/stored-calendar";
import { demoConversations, type DemoConversation } from "../demo-conversations";
import { customerEmail, demoCannedResponses, demoCategories, demoCustomers, demoOrganizations, demoPassword, demoStaff, demoTeams, staffDomain } from "../demo-people";
import { seedDemoSla } from "../demo-sla";
import type { Random } from "../random";
import { businessTimeline, type BusinessTimeline } from "./business-timeline";
import { firstNames, lastNames, organizationWords } from "./texts";

export interface CastTeam {
  id: string;
  agentIds: string[];
  autoAssigns: boolean;
  /** The detail auto-assignment writes on its event. */
  assignReason: string | null;
  timeline: BusinessTimeline;
}

export interface CastCustomer {
  id: string;
  firstName: string;
  lastName: string;
  organizationId: string | null;
}

export interface BulkCast {
  customers: CastCustomer[];
  categories: { id: string; team: CastTeam; tags: string[]; conversations: DemoConversation[] }[];
  policies: Map<TicketPriority, { id: string; name: string; firstResponseMinutes: number | null; resolutionMinutes: number | null }>;
  pickCustomer(random: Random): number;
  pickCategory(random: Random): number;
  /** Most tickets stay with their category's team; some go to the enterprise team or to escalations. */
  routeTeam(random: Random, categoryTeam: CastTeam): CastTeam;
}

const extraTeams = [
  { key: "enterprise", name: "Enterprise Success", description: "Named support for enterprise accounts.", assignmentMode: "round_robin" },
  { key: "escalations", name: "Escalations", description: "Second line for the hardest cases.", assignmentMode: "least_load" },
] as const;
type TeamKey = (typeof demoTeams)[number]["key"] | (typeof extraTeams)[number]["key"];
// Generated agents per team, on top of the demo's six: about 40 agents in all.
const extraAgents: Record<TeamKey, number> = { support: 10, technical: 10, billing: 6, enterprise: 5, escalations: 3 };

/** Cumulative Zipf weights (1/rank^s) for picking by binary search. */
export function zipfPicker(count: number, exponent: number): (random: Random) => number {
  const cumulative = new Float64Array(count);
  let total = 0;
  for (let i = 0; i < count; i += 1) cumulative[i] = total += 1 / Math.pow(i + 1, exponent);
  return (random) => {
    const roll = random.next() * total;
    let low = 0;
    let high = count - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((cumulative[middle] ?? 0) > roll) high = middle;
      else low = middle + 1;
    }
    return low;
  };
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 1000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

export async function seedBulkCast(db: Db, options: { tickets: number; now: Date; windowStart: Date; random: Random }): Promise<BulkCast> {
  const { random, now, windowStart } = options;
  const startedAt = new Date(windowStart.getTime() - 30 * 86_400_000);
  const passwordHash = await hashPassword(demoPassword);

  // Organizations: the demo's four, then generated ones with unique names and domains.
  const organizationCount = Math.max(demoOrganizations.length, Math.round(options.tickets / 500));
  const organizationRows = demoOrganizations.map((o) => ({ id: crypto.randomUUID(), ...o, createdAt: startedAt }));
  for (let i = organizationRows.length; i < organizationCount; i += 1) {
    const { first, second } = organizationWords;
    const combo = i - demoOrganizations.length;
    const base = `${first[combo % first.length]} ${second[Math.floor(combo / first.length) % second.length]}`;
    const round = Math.floor(combo / (first.length * second.length));
    const name = round === 0 ? base : `${base} ${round + 1}`;
    organizationRows.push({ id: crypto.randomUUID(), name, domain: `${slug(name)}.example`, sharesTickets: random.chance(0.35), createdAt: startedAt });
  }
  await insertChunked(organizationRows, (chunk) => db.insert(organizations).values(chunk));

  const teamRows = [...demoTeams, ...extraTeams].map((t) => ({ key: t.key as TeamKey, id: crypto.randomUUID(), name: t.name, description: t.description, assignmentMode: t.assignmentMode as AssignmentMode }));
  await db.insert(teams).values(teamRows.map((t) => ({ id: t.id, name: t.name, description: t.description, assignmentMode: t.assignmentMode, createdAt: startedAt })));
  const teamIdOf = (key: TeamKey) => teamRows.find((t) => t.key === key)?.id ?? "";

  // Staff: the demo's, then generated agents; a few generated agents serve two teams.
  const staff = demoStaff.map((s) => ({ id: crypto.randomUUID(), name: s.name, email: s.email, role: s.role, teams: [...s.teams] as TeamKey[] }));
  let agentNumber = 0;
  for (const [key, n] of Object.entries(extraAgents) as [TeamKey, number][]) {
    for (let i = 0; i < n; i += 1, agentNumber += 1) {
      const first = firstNames[agentNumber % firstNames.length] ?? "Agent";
      const last = lastNames[(agentNumber * 7) % lastNames.length] ?? "Smith";
      const second: TeamKey | null = random.chance(0.1) ? random.pick(demoTeams).key : null;
      staff.push({ id: crypto.randomUUID(), name: `${first} ${last}`, email: `${slug(first)}.${slug(last)}.${agentNumber}@${staffDomain}`, role: "agent", teams: second && second !== key ? [key, second] : [key] });
    }
  }

  // Customers: the demo's 25, then generated ones; most belong to an organization, big organizations have more people.
  const customerCount = Math.max(demoCustomers.length, Math.round(options.tickets / 20));
  const pickOrganization = zipfPicker(organizationRows.length, 0.8);
  const customers: (CastCustomer & { email: string })[] = demoCustomers.map((c) => {
    const [firstName = c.name, ...rest] = c.name.split(" ");
    return { id: crypto.randomUUID(), firstName, lastName: rest.join(" "), organizationId: organizationRows[c.organization]?.id ?? null, email: customerEmail(c) };
  });
  for (let i = customers.length; i < customerCount; i += 1) {
    const firstName = random.pick(firstNames);
    const lastName = random.pick(lastNames);
    const organization = random.chance(0.1) ? null : organizationRows[pickOrganization(random)];
    const domain = organization?.domain ?? "mail.example";
    customers.push({ id: crypto.randomUUID(), firstName, lastName, organizationId: organization?.id ?? null, email: `${slug(firstName)}.${slug(lastName)}.${i}@${domain}` });
  }
  await insertChunked(
    [
      ...staff.map((s) => ({ id: s.id, name: s.name, email: s.email, role: s.role, passwordHash, createdAt: startedAt, updatedAt: startedAt })),
      ...customers.map((c) => ({
        id: c.id,
        name: `${c.firstName} ${c.lastName}`.trim(),
        email: c.email,
        role: "customer" as const,
        organizationId: c.organizationId,
        // Members of an organization have proven their address (only then does a domain make someone a member).
        emailVerified: c.organizationId ? startedAt : null,
        passwordHash,
        createdAt: startedAt,
        updatedAt: startedAt,
      })),
    ],
    (chunk) => db.insert(users).values(chunk),
  );
  await db.insert(teamMembers).values(staff.flatMap((s) => s.teams.map((key) => ({ teamId: teamIdOf(key), userId: s.id, createdAt: startedAt }))));
  await db.insert(cannedResponses).values(demoCannedResponses.map((c) => ({ ...c, createdById: staff[0]?.id ?? null, createdAt: startedAt, updatedAt: startedAt })));
  const categoryIds = new Map(demoCategories.map((c) => [c.slug, crypto.randomUUID()]));
  await db.insert(categories).values(
    demoCategories.map((c, i) => ({
      id: categoryIds.get(c.slug),
      name: c.name,
      description: c.description,
      defaultTeamId: teamIdOf(c.team),
      defaultPriority: c.priority,
      position: i,
      createdAt: startedAt,
    })),
  );
  // The bulk seed plays the clocks and ratings itself (./ticket-life), so the demo adds none.
  await seedDemoSla(db, { technicalTeamId: teamIdOf("technical"), categoryIds, unsolvedTicketIds: [], solvedTickets: [], now, startedAt });

  // Each team counts SLA time in its own calendar, else the default one.
  const calendarRows = await db.select().from(businessCalendars);
  const defaultCalendar = calendarRows.find((c) => c.isDefault);
  const teamCalendars = await db.select({ id: teams.id, calendarId: teams.calendarId }).from(teams);
  const timelines = new Map<string, BusinessTimeline>();
  const timelineOf = (calendarId: string | null | undefined): BusinessTimeline => {
    const row = calendarRows.find((c) => c.id === calendarId) ?? defaultCalendar;
    if (!row) throw new Error("The demo SLA setup made no default calendar.");
    let timeline = timelines.get(row.id);
    if (!timeline) timelines.set(row.id, (timeline = businessTimeline(businessCalendarOf(row), windowStart.getTime(), now.getTime())));
    return timeline;
  };
  const castTeams = new Map<TeamKey, CastTeam>(
    teamRows.map((t) => {
      const agentIds = staff.filter((s) => s.role === "agent" && s.teams.includes(t.key)).map((s) => s.id);
      const calendarId = teamCalendars.find((c) => c.id === t.id)?.calendarId;
      const reason = t.assignmentMode === "least_load" ? "least open load" : t.assignmentMode === "round_robin" ? "round-robin" : null;
      return [t.key, { id: t.id, agentIds, autoAssigns: reason !== null, assignReason: reason, timeline: timelineOf(calendarId) }];
    }),
  );
  const teamOf = (key: TeamKey) => {
    const team = castTeams.get(key);
    if (!team) throw new Error(`No team ${key}`);
    return team;
  };

  const policyRows = await db.select().from(slaPolicies);
  const policies = new Map(policyRows.map((p) => [p.priority, { id: p.id, name: p.name, firstResponseMinutes: p.firstResponseMinutes, resolutionMinutes: p.resolutionMinutes }]));
  const castCategories = demoCategories.map((c) => ({
    id: categoryIds.get(c.slug) ?? "",
    team: teamOf(c.team),
    tags: c.tags,
    conversations: demoConversations.filter((conversation) => conversation.category === c.slug),
  }));
  const categoryTotal = demoCategories.reduce((sum, c) => sum + c.weight, 0);

  // Requesters are ranked in random order, so the busiest ones are not always the demo's.
  const order = customers.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  const pickRank = zipfPicker(customers.length, 0.75);
  const enterprise = teamOf("enterprise");
  const escalations = teamOf("escalations");

  for (const [key, team] of castTeams) if (team.agentIds.length === 0) throw new Error(`Team ${key} has no agents`);

  return {
    customers,
    categories: castCategories,
    policies,
    pickCustomer: (r) => order[pickRank(r)] ?? 0,
    pickCategory: (r) => {
      let roll = r.next() * categoryTotal;
      for (let i = 0; i < demoCategories.length; i += 1) {
        roll -= demoCategories[i]?.weight ?? 0;
        if (roll < 0) return i;
      }
      return 0;
    },
    routeTeam: (r, categoryTeam) => {
      const roll = r.next();
      if (roll < 0.06) return enterprise;
      if (roll < 0.1) return escalations;
      if (roll < 0.12) return teamOf(r.pick(demoTeams).key);
      return categoryTeam;
    },
  };
}
