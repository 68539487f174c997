/**
 * The bulk seed (`npm run db:seed -- --tickets N`) at a small size, on a
 * database of its own: the counts it promises, ticket histories that hold
 * together (timestamps, thread, events, reopens), SLA clocks that agree with
 * the app's arithmetic, ratings of solved tickets, numbers that ascend with
 * creation and a sequence moved past them. On PostgreSQL the load drops and
 * rebuilds indexes and foreign keys: the schema must end as migrated.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OpenedDatabase } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { businessCalendars, categories, organizations, teams, users } from "@/db/schema";
import { schemaItems } from "@/scripts/seed/bulk/bulk-indexes";
import { seedBulkData, type BulkSeedSummary } from "@/scripts/seed/bulk/bulk-seed";
import { businessTimeline } from "@/scripts/seed/bulk/business-timeline";
import { bulkTables } from "@/scripts/seed/bulk/ticket-life";
import { addBusinessMinutes, businessMinutesBetween } from "@/server/sla/business-hours";
import { businessCalendarOf } from "@/server/sla/stored-calendar";
import { loadActiveUser } from "@/server/users/session-user";
import { callerFor } from "../support/factories";
import { openFreshDatabase } from "../support/fresh-database";

const DAY = 86_400_000;
const TICKETS = 2000;
const now = new Date("2030-03-14T15:30:00.000Z");

describe("bulk seed", () => {
  let database: OpenedDatabase;
  let dispose = async () => {};
  let summary: BulkSeedSummary;
  let schemaBefore: string[] = [];

  const query = async <T,>(text: string): Promise<T[]> => rowsOf<T>(await database.db.execute(sql.raw(text)));
  const one = async <T,>(text: string): Promise<T> => {
    const [row] = await query<T>(text);
    if (!row) throw new Error(`No row from: ${text}`);
    return row;
  };
  const schemaNow = async () =>
    database.driver === "postgres" ? (await schemaItems(database.client, bulkTables)).map((i) => `${i.table} ${i.kind} ${i.name}: ${i.definition}`) : [];

  beforeAll(async () => {
    const fresh = await openFreshDatabase("frontdesk_bulk");
    database = fresh.database;
    dispose = fresh.dispose;
    schemaBefore = await schemaNow();
    summary = await seedBulkData(database, { tickets: TICKETS, now, seed: 7 });
  }, 240_000);

  afterAll(() => dispose());

  it("builds the promised cast and volume", async () => {
    expect(summary.tickets).toBe(TICKETS);
    expect(await one<{ n: number }>("select count(*)::int as n from tickets")).toEqual({ n: TICKETS });
    const byRole = Object.fromEntries(
      (await database.db.select({ role: users.role, n: sql<number>`count(*)::int` }).from(users).groupBy(users.role)).map((r) => [r.role, r.n]),
    );
    expect(byRole.customer).toBe(TICKETS / 20);
    expect(byRole.agent).toBeGreaterThanOrEqual(38);
    expect(await database.db.$count(teams)).toBe(5);
    expect(await database.db.$count(organizations)).toBe(Math.max(4, TICKETS / 500));
    expect(await database.db.$count(categories)).toBe(5);
    const perTicket = await one<{ messages: number; events: number }>(
      "select (select count(*) from messages)::float / (select count(*) from tickets) as messages, (select count(*) from ticket_events)::float / (select count(*) from tickets) as events",
    );
    expect(perTicket.messages).toBeGreaterThan(4);
    expect(perTicket.messages).toBeLessThan(6);
    const channels = await query<{ channel: string }>("select distinct channel from tickets order by 1");
    expect(channels.map((c) => c.channel).sort()).toEqual(["api", "email", "web"]);
    const [top] = await query<{ priority: string }>("select priority from tickets group by 1 order by count(*) desc limit 1");
    expect(top?.priority).toBe("normal");
  });

  it("spreads tickets over two years, growing, quieter at weekends, skewed across requesters", async () => {
    const spread = await one<{ first: Date; last: Date; older: number; newer: number; weekend: number; top: number }>(`
      select min(created_at) as first, max(created_at) as last,
             count(*) filter (where created_at < '${new Date(now.getTime() - 365 * DAY).toISOString()}')::int as older,
             count(*) filter (where created_at >= '${new Date(now.getTime() - 365 * DAY).toISOString()}')::int as newer,
             avg(case when extract(isodow from created_at) in (6, 7) then 1 else 0 end)::float as weekend,
             (select max(n) from (select count(*) as n from tickets group by requester_id) r)::int as top
      from tickets`);
    expect(new Date(spread.first).getTime()).toBeGreaterThanOrEqual(now.getTime() - 730 * DAY);
    expect(new Date(spread.last).getTime()).toBeLessThanOrEqual(now.getTime());
    expect(spread.newer).toBeGreaterThan(spread.older * 1.4);
    expect(spread.weekend).toBeLessThan(0.15);
    // Uniform would be 20 a requester.
    expect(spread.top).toBeGreaterThan(60);
  });

  it("numbers tickets in creation order and moves the sequence past them", async () => {
    const disorder = await one<{ n: number }>(`
      select count(*)::int as n from (select created_at, lag(created_at) over (order by number) as previous from tickets) t where created_at < previous`);
    expect(disorder.n).toBe(0);
    const numbers = await one<{ min: number; max: number }>("select min(number) as min, max(number) as max from tickets");
    expect(numbers).toEqual({ min: 1000, max: 1000 + TICKETS - 1 });
  });

  it("keeps every ticket's timestamps in order", async () => {
    const bad = await query<{ number: number; problem: string }>(`
      select number, problem from (
        select number,
          case
            when first_response_at < created_at then 'first response before creation'
            when solved_at is not null and (first_response_at is null or solved_at < first_response_at) then 'solved before first response'
            when (status in ('solved', 'closed')) <> (solved_at is not null) then 'solved_at does not match status'
            when (status = 'closed') <> (closed_at is not null) then 'closed_at does not match status'
            when closed_at <> solved_at + interval '4 days' then 'closed is not solved + 4 days'
            when status = 'solved' and solved_at + interval '4 days' < '${now.toISOString()}' then 'solved long ago but not closed'
            when updated_at < created_at or updated_at > '${now.toISOString()}' then 'updated_at out of range'
            when exists (select 1 from messages m where m.ticket_id = t.id and (m.created_at < t.created_at or m.created_at > '${now.toISOString()}')) then 'message out of range'
          end as problem
        from tickets t) x
      where problem is not null limit 10`);
    expect(bad).toEqual([]);
    const oldOnes = await one<{ closed: number; total: number }>(`
      select count(*) filter (where status = 'closed')::int as closed, count(*)::int as total from tickets where created_at < '${new Date(now.getTime() - 14 * DAY).toISOString()}'`);
    expect(oldOnes.closed / oldOnes.total).toBeGreaterThan(0.95);
  });

  it("writes events that tell each ticket's story", async () => {
    const bad = await query<{ number: number; problem: string }>(`
      with s as (
        select ticket_id,
               count(*) filter (where field in ('created', 'priority', 'team')) as base,
               (array_agg(field order by id))[1] as first_field,
               (array_agg(to_value order by id desc) filter (where field = 'status'))[1] as last_status,
               (array_agg(to_value order by id desc) filter (where field = 'priority'))[1] as last_priority,
               (array_agg(to_value order by id desc) filter (where field = 'assignee'))[1] as last_assignee,
               bool_or(field = 'first_response') as first_response
        from ticket_events group by ticket_id)
      select number, problem from (
        select t.number,
          case
            when s.base is distinct from 3 then 'not one created, priority and team event'
            when s.first_field <> 'created' then 'created is not first'
            when coalesce(s.last_status, 'new') <> t.status::text then 'last status event is not the status'
            when (t.first_response_at is not null) <> s.first_response then 'first response event'
            when s.last_assignee is distinct from t.assignee_id::text then 'assignee event'
            when s.last_priority <> t.priority::text then 'priority event'
          end as problem
        from tickets t left join s on s.ticket_id = t.id) x
      where problem is not null limit 10`);
    expect(bad).toEqual([]);
    // Some tickets were reopened by their requester and solved again.
    const reopened = await one<{ n: number }>(`
      select count(distinct ticket_id)::int as n from ticket_events r
      where field = 'status' and from_value = 'solved' and to_value = 'open'
        and exists (select 1 from ticket_events s where s.ticket_id = r.ticket_id and s.field = 'status' and s.to_value = 'solved' and s.id > r.id)`);
    expect(reopened.n).toBeGreaterThan(TICKETS * 0.02);
  });

  it("keeps SLA clocks consistent with the tickets and the demo policies", async () => {
    const bad = await query<{ number: number; metric: string; problem: string }>(`
      select number, metric, problem from (
        select t.number, c.metric,
          case
            when c.target_minutes <> case when c.metric = 'first_response' then p.first_response_minutes else p.resolution_minutes end then 'target is not the policy''s'
            when t.status in ('solved', 'closed') and (c.completed_at is null or c.met is null) then 'solved ticket with an unfinished clock'
            when c.completed_at is not null and c.met <> (c.elapsed_minutes <= c.target_minutes) then 'met does not match the minutes'
            when c.metric = 'first_response' and c.completed_at is not null and c.completed_at <> coalesce(t.first_response_at, t.solved_at) then 'first response clock stopped elsewhere'
            when c.metric = 'resolution' and c.completed_at is not null and c.completed_at <> t.solved_at then 'resolution clock stopped elsewhere'
            when c.running_since is not null and (c.due_at is null or c.at_risk_at is null or c.at_risk_at > c.due_at) then 'running clock without due times'
            when c.running_since is not null and t.status in ('pending', 'on_hold') then 'clock runs while paused'
            when c.breached_at is not null and c.breach_notified_at is null then 'breach not reported'
          end as problem
        from ticket_slas c join tickets t on t.id = c.ticket_id join sla_policies p on p.id = c.policy_id) x
      where problem is not null limit 10`);
    expect(bad).toEqual([]);
    const tickets = await query<{ number: number; problem: string }>(`
      select number, problem from (
        select t.number,
          case
            when t.status not in ('solved', 'closed') and not exists (select 1 from ticket_slas c where c.ticket_id = t.id) and not (t.priority = 'low' and t.first_response_at is not null) then 'open ticket without clocks'
            when t.sla_due_at is distinct from (select min(due_at) from ticket_slas c where c.ticket_id = t.id and c.running_since is not null) then 'sla_due_at is not the nearest running due time'
            when t.sla_at_risk_at is distinct from (select min(at_risk_at) from ticket_slas c where c.ticket_id = t.id and c.running_since is not null) then 'sla_at_risk_at'
            when (t.sla_paused_at is not null) <> (t.status in ('pending', 'on_hold') and exists (select 1 from ticket_slas c where c.ticket_id = t.id and c.completed_at is null)) then 'sla_paused_at'
          end as problem
        from tickets t) x
      where problem is not null limit 10`);
    expect(tickets).toEqual([]);
    const outcomes = await one<{ met: number; missed: number; running: number }>(`
      select count(*) filter (where met)::int as met, count(*) filter (where not met)::int as missed, count(*) filter (where running_since is not null)::int as running from ticket_slas`);
    expect(outcomes.met).toBeGreaterThan(outcomes.missed);
    expect(outcomes.missed).toBeGreaterThan(0);
    expect(outcomes.running).toBeGreaterThan(0);
  });

  it("schedules running clocks with the app's business-hours arithmetic", async () => {
    const calendars = await database.db.select().from(businessCalendars);
    for (const row of calendars) {
      const calendar = businessCalendarOf(row);
      const timeline = businessTimeline(calendar, now.getTime() - 800 * DAY, now.getTime());
      for (let i = 0; i < 300; i += 1) {
        const from = now.getTime() - 790 * DAY + Math.floor(((i * 7919) % 1000) / 1000 * 780 * DAY) + i * 61_001;
        const to = from + ((i * 104_729) % (9 * DAY));
        expect(timeline.minutesBetween(from, to), `${row.name} between`).toBeCloseTo(businessMinutesBetween(new Date(from), new Date(to), calendar), 6);
        const minutes = [0, 15, 60, 480, 3000][i % 5] ?? 0;
        expect(timeline.addMinutes(from, minutes), `${row.name} add ${minutes}`).toBe(addBusinessMinutes(new Date(from), minutes, calendar).getTime());
      }
    }
    const running = await query<{ running_since: Date; due_at: Date; target_minutes: number; elapsed_minutes: number; calendar: string }>(`
      select c.running_since, c.due_at, c.target_minutes, c.elapsed_minutes, coalesce(tm.calendar_id, d.id)::text as calendar
      from ticket_slas c join tickets t on t.id = c.ticket_id left join teams tm on tm.id = t.team_id, business_calendars d
      where d.is_default and c.running_since is not null and c.elapsed_minutes < c.target_minutes limit 50`);
    expect(running.length).toBeGreaterThan(0);
    for (const clock of running) {
      const row = calendars.find((c) => c.id === clock.calendar);
      expect(row).toBeDefined();
      const due = addBusinessMinutes(new Date(clock.running_since), clock.target_minutes - clock.elapsed_minutes, businessCalendarOf(row!));
      expect(new Date(clock.due_at).getTime()).toBe(due.getTime());
    }
  });

  it("rates about a quarter of solved tickets, mostly good, for the ticket's assignee, after solving", async () => {
    const ratings = await one<{ rated: number; solved: number; good: number; wrong: number }>(`
      select count(r.ticket_id)::int as rated, count(*)::int as solved,
             count(*) filter (where r.score = 'good')::int as good,
             count(*) filter (where r.ticket_id is not null and (r.assignee_id is distinct from t.assignee_id or r.rated_at <= t.solved_at or r.rated_at > '${now.toISOString()}'))::int as wrong
      from tickets t left join satisfaction_ratings r on r.ticket_id = t.id where t.solved_at is not null`);
    expect(ratings.wrong).toBe(0);
    expect(ratings.rated / ratings.solved).toBeGreaterThan(0.2);
    expect(ratings.rated / ratings.solved).toBeLessThan(0.3);
    expect(ratings.good / ratings.rated).toBeGreaterThan(0.75);
    expect(ratings.good / ratings.rated).toBeLessThan(0.95);
    expect((await one<{ n: number }>("select count(*)::int as n from satisfaction_ratings r join tickets t on t.id = r.ticket_id where t.solved_at is null")).n).toBe(0);
    const withoutEvent = await one<{ n: number }>(`
      select count(*)::int as n from satisfaction_ratings r
      where not exists (select 1 from ticket_events e where e.ticket_id = r.ticket_id and e.field = 'satisfaction' and e.to_value = r.score::text and e.created_at = r.rated_at)`);
    expect(withoutEvent.n).toBe(0);
  });

  // Quarter-hour rollups make both sides a few times larger than days alone: allow for a busy machine.
  it("counts the report rollups of what it loaded, with their triggers back on", { timeout: 120_000 }, async () => {
    const differ = (a: string, b: string) => one<{ n: number }>(`select count(*)::int as n from (select * from ${a}() except select * from ${b}()) d`);
    expect((await one<{ n: number }>("select count(*)::int as n from report_rollups")).n).toBeGreaterThan(0);
    expect((await differ("report_facts_stored", "report_facts_computed")).n).toBe(0);
    expect((await differ("report_facts_computed", "report_facts_stored")).n).toBe(0);
    const disabled = await one<{ n: number }>("select count(*)::int as n from pg_trigger where tgname like 'report_rollups_%' and tgenabled = 'D'");
    expect(disabled.n).toBe(0);
  });

  it("ends with the schema the migrations made", async () => {
    expect(await schemaNow()).toEqual(schemaBefore);
  });

  // Last: it adds a ticket.
  it("numbers a new ticket after every seeded one", async () => {
    const [row] = await database.db.select({ id: users.id }).from(users).where(eq(users.role, "customer")).limit(1);
    const customer = await loadActiveUser(database.db, row?.id ?? "");
    const [category] = await database.db.select({ id: categories.id }).from(categories).limit(1);
    const created = await callerFor(database.db, customer).tickets.create({ subject: "After the bulk seed", body: "Opened after the bulk seed ran.", categoryId: category?.id ?? "" });
    expect(created.number).toBe(1000 + TICKETS);
  });
});
