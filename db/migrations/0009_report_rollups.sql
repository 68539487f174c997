CREATE TABLE "report_rollups" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"period" text NOT NULL,
	"day" date NOT NULL,
	"dimension" text NOT NULL,
	"key" text NOT NULL,
	"created" integer DEFAULT 0 NOT NULL,
	"solved" integer DEFAULT 0 NOT NULL,
	"responded" integer DEFAULT 0 NOT NULL,
	"first_response_targets" integer DEFAULT 0 NOT NULL,
	"first_response_met" integer DEFAULT 0 NOT NULL,
	"resolution_targets" integer DEFAULT 0 NOT NULL,
	"resolution_met" integer DEFAULT 0 NOT NULL,
	"good" integer DEFAULT 0 NOT NULL,
	"bad" integer DEFAULT 0 NOT NULL,
	"solves" integer DEFAULT 0 NOT NULL,
	"reopens" integer DEFAULT 0 NOT NULL,
	"first_response_bins" integer[] DEFAULT '{}' NOT NULL,
	"first_response_counts" integer[] DEFAULT '{}' NOT NULL,
	"resolution_bins" integer[] DEFAULT '{}' NOT NULL,
	"resolution_counts" integer[] DEFAULT '{}' NOT NULL,
	"folded" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX "report_rollups_key_idx" ON "report_rollups" USING btree ("dimension","key","period","day");--> statement-breakpoint
CREATE INDEX "report_rollups_day_idx" ON "report_rollups" USING btree ("dimension","period","day");--> statement-breakpoint
CREATE INDEX "report_rollups_unfolded_idx" ON "report_rollups" USING btree ("period","day","dimension","key") WHERE not "report_rollups"."folded";--> statement-breakpoint
-- The histogram bin of a duration: whole minutes below 128, then 64 bins
-- per doubling (each at most 1.6% wide), named by their lowest minute;
-- durations over 2^21 minutes (four years) count as 2^21. One expression,
-- so PostgreSQL inlines it; the log is exact enough below 2^21.
CREATE FUNCTION report_minute_bin(seconds double precision) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select (case when seconds < 7680 then greatest(floor(seconds / 60), 0)
    else floor(least(seconds, 125829120) / 60)
      - mod(floor(least(seconds, 125829120) / 60)::bigint, power(2, floor(ln(floor(least(seconds, 125829120) / 60)) / ln(2) + 1e-9) - 6)::bigint) end)::int
$$;--> statement-breakpoint
-- What each row contributes to the reports, as (UTC day, measure, bin)
-- facts: a measure is a counter of report_rollups; "responded" and
-- "solved" also carry the bin of their duration since creation.
CREATE FUNCTION report_ticket_own_facts(t tickets) RETURNS TABLE (day date, measure text, bin int) LANGUAGE sql STABLE AS $$
  select (f.at at time zone 'UTC')::date, f.measure, f.bin
  from (values
    ('created', t.created_at, null::int),
    ('responded', t.first_response_at, report_minute_bin(extract(epoch from t.first_response_at - t.created_at))),
    ('solved', t.solved_at, report_minute_bin(extract(epoch from t.solved_at - t.created_at)))
  ) f(measure, at, bin)
  where f.at is not null
$$;--> statement-breakpoint
CREATE FUNCTION report_sla_facts(s ticket_slas) RETURNS TABLE (day date, measure text, bin int) LANGUAGE sql STABLE AS $$
  select (s.completed_at at time zone 'UTC')::date, f.measure, null::int
  from (values (s.metric::text || '_targets', true), (s.metric::text || '_met', coalesce(s.met, false))) f(measure, counts)
  where s.completed_at is not null and f.counts
$$;--> statement-breakpoint
CREATE FUNCTION report_rating_facts(r satisfaction_ratings) RETURNS TABLE (day date, measure text, bin int) LANGUAGE sql STABLE AS $$
  select (r.rated_at at time zone 'UTC')::date, r.score::text, null::int
$$;--> statement-breakpoint
-- A solve is a change to solved; a reopen, a change from solved back to work.
CREATE FUNCTION report_event_facts(e ticket_events) RETURNS TABLE (day date, measure text, bin int) LANGUAGE sql STABLE AS $$
  select (e.created_at at time zone 'UTC')::date, f.measure, null::int
  from (values ('solves', e.to_value = 'solved'), ('reopens', e.from_value = 'solved' and e.to_value <> 'closed')) f(measure, counts)
  where e.field = 'status' and f.counts
$$;--> statement-breakpoint
-- The facts of a ticket's SLA clocks, rating and status changes.
CREATE FUNCTION report_ticket_related_facts(ticket uuid) RETURNS TABLE (day date, measure text, bin int) LANGUAGE sql STABLE AS $$
  select f.* from ticket_slas s, report_sla_facts(s) f where s.ticket_id = ticket
  union all select f.* from satisfaction_ratings r, report_rating_facts(r) f where r.ticket_id = ticket
  union all select f.* from ticket_events e, report_event_facts(e) f where e.ticket_id = ticket and e.field = 'status'
$$;--> statement-breakpoint
-- The rollup rows a fact counts in: its day's and its month's.
CREATE FUNCTION report_periods(day date) RETURNS TABLE (period text, day date) LANGUAGE sql IMMUTABLE AS $$
  values ('day', day), ('month', date_trunc('month', day)::date)
$$;--> statement-breakpoint
-- The rollup rows a ticket's facts count in: all tickets, and one per dimension ("" for none).
CREATE FUNCTION report_dimensions(t tickets) RETURNS TABLE (dimension text, key text) LANGUAGE sql STABLE AS $$
  values ('all', ''), ('team', coalesce(t.team_id::text, '')), ('category', coalesce(t.category_id::text, '')),
    ('organization', coalesce(t.organization_id::text, '')), ('assignee', coalesce(t.assignee_id::text, '')),
    ('priority', t.priority::text), ('channel', t.channel::text)
$$;--> statement-breakpoint
-- Writes summed facts (parallel arrays of period, day, dimension, key,
-- measure, bin and count) as report_rollups rows, one per period, day and
-- key, leaving out what sums to nothing. `folded` marks sums, not deltas.
CREATE FUNCTION report_write(periods text[], days date[], dimensions text[], keys text[], measures text[], bins int[], ns int[], folded boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- PL/pgSQL, not SQL: its plan is cached, where a SQL function is planned on every call.
    insert into report_rollups (period, day, dimension, key, created, solved, responded, first_response_targets, first_response_met,
      resolution_targets, resolution_met, good, bad, solves, reopens,
      first_response_bins, first_response_counts, resolution_bins, resolution_counts, folded)
    select period, day, dimension, key,
      coalesce(sum(n) filter (where measure = 'created'), 0), coalesce(sum(n) filter (where measure = 'solved'), 0),
      coalesce(sum(n) filter (where measure = 'responded'), 0),
      coalesce(sum(n) filter (where measure = 'first_response_targets'), 0), coalesce(sum(n) filter (where measure = 'first_response_met'), 0),
      coalesce(sum(n) filter (where measure = 'resolution_targets'), 0), coalesce(sum(n) filter (where measure = 'resolution_met'), 0),
      coalesce(sum(n) filter (where measure = 'good'), 0), coalesce(sum(n) filter (where measure = 'bad'), 0),
      coalesce(sum(n) filter (where measure = 'solves'), 0), coalesce(sum(n) filter (where measure = 'reopens'), 0),
      coalesce(array_agg(bin order by bin) filter (where measure = 'responded'), '{}'),
      coalesce(array_agg(n order by bin) filter (where measure = 'responded'), '{}'),
      coalesce(array_agg(bin order by bin) filter (where measure = 'solved'), '{}'),
      coalesce(array_agg(n order by bin) filter (where measure = 'solved'), '{}'),
      folded
    from (
      select period, day, dimension, key, measure, bin, sum(n)::int as n
      from unnest(periods, days, dimensions, keys, measures, bins, ns) u(period, day, dimension, key, measure, bin, n)
      group by 1, 2, 3, 4, 5, 6 having sum(n) <> 0
    ) summed
    group by 1, 2, 3, 4;
END $$;--> statement-breakpoint
-- A ticket's own facts (created, answered, solved) move with its times, in
-- every dimension; all its facts move in a dimension whose key changes
-- (a new assignee takes the ticket's clocks, rating and reopens along).
-- Deletes run BEFORE, while the clocks, rating and events are still there
-- to subtract (their own triggers then find no ticket and add nothing).
CREATE FUNCTION report_rollups_on_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  changed text[];
  retimed boolean := true;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT coalesce(array_agg(o.dimension), '{}') INTO changed
    FROM report_dimensions(OLD) o JOIN report_dimensions(NEW) n USING (dimension) WHERE o.key IS DISTINCT FROM n.key;
    retimed := (OLD.created_at, OLD.first_response_at, OLD.solved_at) IS DISTINCT FROM (NEW.created_at, NEW.first_response_at, NEW.solved_at);
  ELSE
    changed := ARRAY(SELECT dimension FROM report_dimensions(coalesce(NEW, OLD)));
  END IF;
  PERFORM report_write(array_agg(x.period), array_agg(x.day), array_agg(x.dimension), array_agg(x.key), array_agg(x.measure), array_agg(x.bin), array_agg(x.sign), false)
  FROM (
    WITH related AS MATERIALIZED (
      SELECT * FROM report_ticket_related_facts(coalesce(NEW.id, OLD.id)) WHERE TG_OP <> 'INSERT' AND cardinality(changed) > 0
    )
    SELECT p.period, p.day, d.dimension, d.key, f.measure, f.bin, side.sign
    FROM (SELECT -1 AS sign, OLD AS t WHERE TG_OP <> 'INSERT' UNION ALL SELECT 1, NEW WHERE TG_OP <> 'DELETE') side
    CROSS JOIN LATERAL report_dimensions(side.t) d
    CROSS JOIN LATERAL (
      SELECT * FROM report_ticket_own_facts(side.t) WHERE retimed OR d.dimension = ANY (changed)
      UNION ALL SELECT * FROM related WHERE d.dimension = ANY (changed)
    ) f
    CROSS JOIN LATERAL report_periods(f.day) p
  ) x;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NULL END;
END $$;--> statement-breakpoint
CREATE FUNCTION report_rollups_on_sla() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_write(array_agg(p.period), array_agg(p.day), array_agg(d.dimension), array_agg(d.key), array_agg(f.measure), array_agg(f.bin), array_agg(side.sign), false)
  FROM (SELECT -1 AS sign, OLD AS s WHERE TG_OP <> 'INSERT' UNION ALL SELECT 1, NEW WHERE TG_OP <> 'DELETE') side
  JOIN tickets t ON t.id = (side.s).ticket_id
  CROSS JOIN LATERAL report_sla_facts(side.s) f
  CROSS JOIN LATERAL report_periods(f.day) p
  CROSS JOIN LATERAL report_dimensions(t) d;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION report_rollups_on_rating() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_write(array_agg(p.period), array_agg(p.day), array_agg(d.dimension), array_agg(d.key), array_agg(f.measure), array_agg(f.bin), array_agg(side.sign), false)
  FROM (SELECT -1 AS sign, OLD AS r WHERE TG_OP <> 'INSERT' UNION ALL SELECT 1, NEW WHERE TG_OP <> 'DELETE') side
  JOIN tickets t ON t.id = (side.r).ticket_id
  CROSS JOIN LATERAL report_rating_facts(side.r) f
  CROSS JOIN LATERAL report_periods(f.day) p
  CROSS JOIN LATERAL report_dimensions(t) d;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION report_rollups_on_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_write(array_agg(p.period), array_agg(p.day), array_agg(d.dimension), array_agg(d.key), array_agg(f.measure), array_agg(f.bin), array_agg(side.sign), false)
  FROM (SELECT -1 AS sign, OLD AS e WHERE TG_OP <> 'INSERT' UNION ALL SELECT 1, NEW WHERE TG_OP <> 'DELETE') side
  JOIN tickets t ON t.id = (side.e).ticket_id
  CROSS JOIN LATERAL report_event_facts(side.e) f
  CROSS JOIN LATERAL report_periods(f.day) p
  CROSS JOIN LATERAL report_dimensions(t) d;
  RETURN NULL;
END $$;--> statement-breakpoint
-- The WHEN clauses keep every other write free of the trigger's work.
CREATE TRIGGER report_rollups_ticket_insert AFTER INSERT ON tickets FOR EACH ROW EXECUTE FUNCTION report_rollups_on_ticket();--> statement-breakpoint
CREATE TRIGGER report_rollups_ticket_update AFTER UPDATE ON tickets FOR EACH ROW
  WHEN ((OLD.created_at, OLD.first_response_at, OLD.solved_at, OLD.team_id, OLD.category_id, OLD.organization_id, OLD.assignee_id, OLD.priority, OLD.channel)
    IS DISTINCT FROM (NEW.created_at, NEW.first_response_at, NEW.solved_at, NEW.team_id, NEW.category_id, NEW.organization_id, NEW.assignee_id, NEW.priority, NEW.channel))
  EXECUTE FUNCTION report_rollups_on_ticket();--> statement-breakpoint
CREATE TRIGGER report_rollups_ticket_delete BEFORE DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION report_rollups_on_ticket();--> statement-breakpoint
CREATE TRIGGER report_rollups_sla_insert AFTER INSERT ON ticket_slas FOR EACH ROW WHEN (NEW.completed_at IS NOT NULL) EXECUTE FUNCTION report_rollups_on_sla();--> statement-breakpoint
CREATE TRIGGER report_rollups_sla_update AFTER UPDATE ON ticket_slas FOR EACH ROW
  WHEN ((OLD.ticket_id, OLD.metric, OLD.completed_at, OLD.met) IS DISTINCT FROM (NEW.ticket_id, NEW.metric, NEW.completed_at, NEW.met))
  EXECUTE FUNCTION report_rollups_on_sla();--> statement-breakpoint
CREATE TRIGGER report_rollups_sla_delete AFTER DELETE ON ticket_slas FOR EACH ROW WHEN (OLD.completed_at IS NOT NULL) EXECUTE FUNCTION report_rollups_on_sla();--> statement-breakpoint
CREATE TRIGGER report_rollups_rating_insert AFTER INSERT ON satisfaction_ratings FOR EACH ROW EXECUTE FUNCTION report_rollups_on_rating();--> statement-breakpoint
CREATE TRIGGER report_rollups_rating_update AFTER UPDATE ON satisfaction_ratings FOR EACH ROW
  WHEN ((OLD.ticket_id, OLD.score, OLD.rated_at) IS DISTINCT FROM (NEW.ticket_id, NEW.score, NEW.rated_at))
  EXECUTE FUNCTION report_rollups_on_rating();--> statement-breakpoint
CREATE TRIGGER report_rollups_rating_delete AFTER DELETE ON satisfaction_ratings FOR EACH ROW EXECUTE FUNCTION report_rollups_on_rating();--> statement-breakpoint
-- Only status changes count.
CREATE TRIGGER report_rollups_event_insert AFTER INSERT ON ticket_events FOR EACH ROW WHEN (NEW.field = 'status') EXECUTE FUNCTION report_rollups_on_event();--> statement-breakpoint
CREATE TRIGGER report_rollups_event_update AFTER UPDATE ON ticket_events FOR EACH ROW WHEN (OLD.field = 'status' OR NEW.field = 'status') EXECUTE FUNCTION report_rollups_on_event();--> statement-breakpoint
CREATE TRIGGER report_rollups_event_delete AFTER DELETE ON ticket_events FOR EACH ROW WHEN (OLD.field = 'status') EXECUTE FUNCTION report_rollups_on_event();--> statement-breakpoint
-- The facts a report_rollups row holds, back as (measure, bin, count):
-- answered and solved tickets come from the histograms, with their bins.
CREATE FUNCTION report_row_facts(r report_rollups) RETURNS TABLE (measure text, bin int, n int) LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  -- PL/pgSQL, not SQL: PostgreSQL 15 fails to plan this inlined into a join over the table.
  RETURN QUERY
    SELECT m.measure, null::int, m.n
    FROM (VALUES ('created', r.created), ('first_response_targets', r.first_response_targets), ('first_response_met', r.first_response_met),
      ('resolution_targets', r.resolution_targets), ('resolution_met', r.resolution_met),
      ('good', r.good), ('bad', r.bad), ('solves', r.solves), ('reopens', r.reopens)) m(measure, n)
    WHERE m.n <> 0
    UNION ALL SELECT 'responded', u.bin, u.n FROM unnest(r.first_response_bins, r.first_response_counts) u(bin, n)
    UNION ALL SELECT 'solved', u.bin, u.n FROM unnest(r.resolution_bins, r.resolution_counts) u(bin, n);
END $$;--> statement-breakpoint
-- What report_rollups should hold, from the raw tables, as (day, dimension,
-- key, measure, bin, count) ...
CREATE FUNCTION report_facts_computed() RETURNS TABLE (period text, day date, dimension text, key text, measure text, bin int, n int) LANGUAGE sql STABLE AS $$
  with facts as (
    select t.id as ticket_id, f.* from tickets t, report_ticket_own_facts(t) f
    union all select s.ticket_id, f.* from ticket_slas s, report_sla_facts(s) f where s.completed_at is not null
    union all select r.ticket_id, f.* from satisfaction_ratings r, report_rating_facts(r) f
    union all select e.ticket_id, f.* from ticket_events e, report_event_facts(e) f where e.field = 'status'
  ), days as (
    select f.day, d.dimension, d.key, f.measure, f.bin, count(*)::int as n
    from facts f join tickets t on t.id = f.ticket_id cross join lateral report_dimensions(t) d
    group by 1, 2, 3, 4, 5
  )
  -- Months summed from days: half the grouping of counting every fact twice.
  select 'day', day, dimension, key, measure, bin, n from days
  union all
  select 'month', date_trunc('month', day)::date, dimension, key, measure, bin, sum(n)::int from days group by 2, 3, 4, 5, 6
$$;--> statement-breakpoint
-- ... and what it holds, deltas summed. The two are equal; the tests check it.
CREATE FUNCTION report_facts_stored() RETURNS TABLE (period text, day date, dimension text, key text, measure text, bin int, n int) LANGUAGE sql STABLE AS $$
  select r.period, r.day, r.dimension, r.key, f.measure, f.bin, sum(f.n)::int
  from report_rollups r, report_row_facts(r) f
  group by 1, 2, 3, 4, 5, 6 having sum(f.n) <> 0
$$;--> statement-breakpoint
-- Every row from scratch: the bulk seed loads with the triggers off and
-- calls this at the end, and this migration once.
CREATE FUNCTION report_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  each_day date;
BEGIN
  -- Enough memory to group a million tickets' facts without spilling to disk.
  PERFORM set_config('work_mem', '256MB', true);
  DELETE FROM report_rollups;
  CREATE TEMP TABLE report_rebuild_facts ON COMMIT DROP AS SELECT * FROM report_facts_computed();
  CREATE INDEX ON report_rebuild_facts (day);
  -- A day at a time keeps the arrays small.
  FOR each_day IN SELECT DISTINCT day FROM report_rebuild_facts LOOP
    PERFORM report_write(array_agg(period), array_agg(day), array_agg(dimension), array_agg(key), array_agg(measure), array_agg(bin), array_agg(n), true)
    FROM report_rebuild_facts WHERE day = each_day;
  END LOOP;
  DROP TABLE report_rebuild_facts;
END $$;--> statement-breakpoint
-- Folds the deltas of up to `max_keys` (period, day, dimension, key) groups with
-- their earlier sum into one row each; returns how many groups it folded.
-- A row is summed only by the statement that deleted it, and the lock
-- lets one folder run at a time (two would delete in different orders).
CREATE FUNCTION report_rollups_fold(max_keys int) RETURNS int LANGUAGE sql AS $$
  with pending as (
    select distinct period, day, dimension, key from report_rollups
    where not folded and pg_try_advisory_xact_lock(hashtext('report_rollups_fold'))
    limit max_keys
  ), gone as (
    delete from report_rollups r using pending p
    where r.period = p.period and r.day = p.day and r.dimension = p.dimension and r.key = p.key returning r.*
  ), written as (
    select report_write(array_agg(g.period), array_agg(g.day), array_agg(g.dimension), array_agg(g.key), array_agg(f.measure), array_agg(f.bin), array_agg(f.n), true)
    from gone g, report_row_facts(g::report_rollups) f
  )
  select count(*)::int from (select distinct period, day, dimension, key from gone) folded, written
$$;
--> statement-breakpoint
-- Count what is already there.
SELECT report_rollups_rebuild();
