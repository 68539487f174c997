DROP INDEX "report_rollups_key_idx";--> statement-breakpoint
DROP INDEX "report_rollups_day_idx";--> statement-breakpoint
DROP INDEX "report_rollups_unfolded_idx";--> statement-breakpoint
ALTER TABLE "report_rollups" ADD COLUMN "minute" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "report_rollups_key_idx" ON "report_rollups" USING btree ("dimension","key","period","day","minute");--> statement-breakpoint
CREATE INDEX "report_rollups_day_idx" ON "report_rollups" USING btree ("dimension","period","day","minute");--> statement-breakpoint
CREATE INDEX "report_rollups_unfolded_idx" ON "report_rollups" USING btree ("dimension","key","day","minute") WHERE not "report_rollups"."folded";--> statement-breakpoint
-- Quarter-hour rollups (issue 16): a report bucket in any zone is a sum of
-- whole quarter-hour, day and month rows, so no report reads the raw tables
-- at a bucket's edges. The triggers write quarter-hour deltas only (one row
-- per key, where they wrote a day and a month row before); the fold job
-- builds the day and month rows from them.
DROP FUNCTION report_rollups_fold(int);--> statement-breakpoint
DROP FUNCTION report_rollups_rebuild();--> statement-breakpoint
DROP FUNCTION report_facts_stored();--> statement-breakpoint
DROP FUNCTION report_facts_computed();--> statement-breakpoint
DROP FUNCTION report_write(text[], date[], text[], text[], text[], int[], int[], boolean);--> statement-breakpoint
DROP FUNCTION report_periods(date);--> statement-breakpoint
DROP FUNCTION report_ticket_related_facts(uuid);--> statement-breakpoint
DROP FUNCTION report_event_facts(ticket_events);--> statement-breakpoint
DROP FUNCTION report_rating_facts(satisfaction_ratings);--> statement-breakpoint
DROP FUNCTION report_sla_facts(ticket_slas);--> statement-breakpoint
DROP FUNCTION report_ticket_own_facts(tickets);--> statement-breakpoint
-- The minute of its UTC day a quarter hour starts on (0, 15, ... 1425).
CREATE FUNCTION report_quarter_minute(at timestamptz) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select (extract(hour from at at time zone 'UTC') * 60 + floor(extract(minute from at at time zone 'UTC') / 15) * 15)::int
$$;--> statement-breakpoint
-- What each row contributes to the reports, as (UTC day, quarter's minute,
-- measure, bin) facts: a measure is a counter of report_rollups;
-- "responded" and "solved" also carry the bin of their duration since creation.
CREATE FUNCTION report_ticket_own_facts(t tickets) RETURNS TABLE (day date, minute int, measure text, bin int) LANGUAGE sql STABLE AS $$
  select (f.at at time zone 'UTC')::date, report_quarter_minute(f.at), f.measure, f.bin
  from (values
    ('created', t.created_at, null::int),
    ('responded', t.first_response_at, report_minute_bin(extract(epoch from t.first_response_at - t.created_at))),
    ('solved', t.solved_at, report_minute_bin(extract(epoch from t.solved_at - t.created_at)))
  ) f(measure, at, bin)
  where f.at is not null
$$;--> statement-breakpoint
CREATE FUNCTION report_sla_facts(s ticket_slas) RETURNS TABLE (day date, minute int, measure text, bin int) LANGUAGE sql STABLE AS $$
  select (s.completed_at at time zone 'UTC')::date, report_quarter_minute(s.completed_at), f.measure, null::int
  from (values (s.metric::text || '_targets', true), (s.metric::text || '_met', coalesce(s.met, false))) f(measure, counts)
  where s.completed_at is not null and f.counts
$$;--> statement-breakpoint
CREATE FUNCTION report_rating_facts(r satisfaction_ratings) RETURNS TABLE (day date, minute int, measure text, bin int) LANGUAGE sql STABLE AS $$
  select (r.rated_at at time zone 'UTC')::date, report_quarter_minute(r.rated_at), r.score::text, null::int
$$;--> statement-breakpoint
-- A solve is a change to solved; a reopen, a change from solved back to work.
CREATE FUNCTION report_event_facts(e ticket_events) RETURNS TABLE (day date, minute int, measure text, bin int) LANGUAGE sql STABLE AS $$
  select (e.created_at at time zone 'UTC')::date, report_quarter_minute(e.created_at), f.measure, null::int
  from (values ('solves', e.to_value = 'solved'), ('reopens', e.from_value = 'solved' and e.to_value <> 'closed')) f(measure, counts)
  where e.field = 'status' and f.counts
$$;--> statement-breakpoint
-- The facts of a ticket's SLA clocks, rating and status changes.
CREATE FUNCTION report_ticket_related_facts(ticket uuid) RETURNS TABLE (day date, minute int, measure text, bin int) LANGUAGE sql STABLE AS $$
  select f.* from ticket_slas s, report_sla_facts(s) f where s.ticket_id = ticket
  union all select f.* from satisfaction_ratings r, report_rating_facts(r) f where r.ticket_id = ticket
  union all select f.* from ticket_events e, report_event_facts(e) f where e.ticket_id = ticket and e.field = 'status'
$$;--> statement-breakpoint
-- The folded rows a quarter hour's facts count in: its own, its day's and its month's.
CREATE FUNCTION report_periods(day date, minute int) RETURNS TABLE (period text, day date, minute int) LANGUAGE sql IMMUTABLE AS $$
  values ('quarter', day, minute), ('day', day, 0), ('month', date_trunc('month', day)::date, 0)
$$;--> statement-breakpoint
-- Writes summed facts (parallel arrays of period, day, minute, dimension,
-- key, measure, bin and count) as report_rollups rows, one per period, day,
-- minute and key, leaving out what sums to nothing. `folded` marks sums, not deltas.
CREATE FUNCTION report_write(periods text[], days date[], minutes int[], dimensions text[], keys text[], measures text[], bins int[], ns int[], folded boolean) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    -- PL/pgSQL, not SQL: its plan is cached, where a SQL function is planned on every call.
    insert into report_rollups (period, day, minute, dimension, key, created, solved, responded, first_response_targets, first_response_met,
      resolution_targets, resolution_met, good, bad, solves, reopens,
      first_response_bins, first_response_counts, resolution_bins, resolution_counts, folded)
    select period, day, minute, dimension, key,
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
      select period, day, minute, dimension, key, measure, bin, sum(n)::int as n
      from unnest(periods, days, minutes, dimensions, keys, measures, bins, ns) u(period, day, minute, dimension, key, measure, bin, n)
      group by 1, 2, 3, 4, 5, 6, 7 having sum(n) <> 0
    ) summed
    group by 1, 2, 3, 4, 5;
END $$;--> statement-breakpoint
-- As in 0009, but a delta per quarter hour and key only: the fold job adds
-- the day and month rows.
CREATE OR REPLACE FUNCTION report_rollups_on_ticket() RETURNS trigger LANGUAGE plpgsql AS $$
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
  PERFORM report_write(array_agg('quarter'::text), array_agg(x.day), array_agg(x.minute), array_agg(x.dimension), array_agg(x.key), array_agg(x.measure),
    array_agg(x.bin), array_agg(x.sign), false)
  FROM (
    WITH related AS MATERIALIZED (
      SELECT * FROM report_ticket_related_facts(coalesce(NEW.id, OLD.id)) WHERE TG_OP <> 'INSERT' AND cardinality(changed) > 0
    )
    SELECT f.day, f.minute, d.dimension, d.key, f.measure, f.bin, side.sign
    FROM (SELECT -1 AS sign, OLD AS t WHERE TG_OP <> 'INSERT' UNION ALL SELECT 1, NEW WHERE TG_OP <> 'DELETE') side
    CROSS JOIN LATERAL report_dimensions(side.t) d
    CROSS JOIN LATERAL (
      SELECT * FROM report_ticket_own_facts(side.t) WHERE retimed OR d.dimension = ANY (changed)
      UNION ALL SELECT * FROM related WHERE d.dimension = ANY (changed)
    ) f
  ) x;
  RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NULL END;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_rollups_on_sla() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_write(array_agg('quarter'::text), array_agg(f.day), array_agg(f.minute), array_agg(d.dimension), array_agg(d.key), array_agg(f.measure),
    array_agg(f.bin), array_agg(side.sign), false)
  FROM (SELECT -1 AS sign, OLD AS s WHERE TG_OP <> 'INSERT' UNION ALL SELECT 1, NEW WHERE TG_OP <> 'DELETE') side
  JOIN tickets t ON t.id = (side.s).ticket_id
  CROSS JOIN LATERAL report_sla_facts(side.s) f
  CROSS JOIN LATERAL report_dimensions(t) d;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_rollups_on_rating() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_write(array_agg('quarter'::text), array_agg(f.day), array_agg(f.minute), array_agg(d.dimension), array_agg(d.key), array_agg(f.measure),
    array_agg(f.bin), array_agg(side.sign), false)
  FROM (SELECT -1 AS sign, OLD AS r WHERE TG_OP <> 'INSERT' UNION ALL SELECT 1, NEW WHERE TG_OP <> 'DELETE') side
  JOIN tickets t ON t.id = (side.r).ticket_id
  CROSS JOIN LATERAL report_rating_facts(side.r) f
  CROSS JOIN LATERAL report_dimensions(t) d;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_rollups_on_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM report_write(array_agg('quarter'::text), array_agg(f.day), array_agg(f.minute), array_agg(d.dimension), array_agg(d.key), array_agg(f.measure),
    array_agg(f.bin), array_agg(side.sign), false)
  FROM (SELECT -1 AS sign, OLD AS e WHERE TG_OP <> 'INSERT' UNION ALL SELECT 1, NEW WHERE TG_OP <> 'DELETE') side
  JOIN tickets t ON t.id = (side.e).ticket_id
  CROSS JOIN LATERAL report_event_facts(side.e) f
  CROSS JOIN LATERAL report_dimensions(t) d;
  RETURN NULL;
END $$;--> statement-breakpoint
-- What report_rollups should hold once folded, from the raw tables, as
-- (period, day, minute, dimension, key, measure, bin, count) ...
CREATE FUNCTION report_facts_computed() RETURNS TABLE (period text, day date, minute int, dimension text, key text, measure text, bin int, n int) LANGUAGE sql STABLE AS $$
  with facts as (
    select t.id as ticket_id, f.* from tickets t, report_ticket_own_facts(t) f
    union all select s.ticket_id, f.* from ticket_slas s, report_sla_facts(s) f where s.completed_at is not null
    union all select r.ticket_id, f.* from satisfaction_ratings r, report_rating_facts(r) f
    union all select e.ticket_id, f.* from ticket_events e, report_event_facts(e) f where e.field = 'status'
  ), quarters as (
    select f.day, f.minute, d.dimension, d.key, f.measure, f.bin, count(*)::int as n
    from facts f join tickets t on t.id = f.ticket_id cross join lateral report_dimensions(t) d
    group by 1, 2, 3, 4, 5, 6
  ), days as (
    select day, dimension, key, measure, bin, sum(n)::int as n from quarters group by 1, 2, 3, 4, 5
  )
  -- Days summed from quarters and months from days: each fact grouped once.
  select 'quarter', day, minute, dimension, key, measure, bin, n from quarters
  union all select 'day', day, 0, dimension, key, measure, bin, n from days
  union all select 'month', date_trunc('month', day)::date, 0, dimension, key, measure, bin, sum(n)::int from days group by 2, 4, 5, 6, 7
$$;--> statement-breakpoint
-- ... and what it holds: folded rows as they are, deltas counted in their
-- quarter, day and month, as the reports read them. The two are equal; the tests check it.
CREATE FUNCTION report_facts_stored() RETURNS TABLE (period text, day date, minute int, dimension text, key text, measure text, bin int, n int) LANGUAGE sql STABLE AS $$
  select p.period, p.day, p.minute, r.dimension, r.key, f.measure, f.bin, sum(f.n)::int
  from report_rollups r
  cross join lateral (select r.period, r.day, r.minute::int where r.folded union all select * from report_periods(r.day, r.minute) where not r.folded) p
  cross join lateral report_row_facts(r) f
  group by 1, 2, 3, 4, 5, 6, 7 having sum(f.n) <> 0
$$;--> statement-breakpoint
-- Every row from scratch: the bulk seed loads with the triggers off and
-- calls this at the end, and this migration once. One grouping of the
-- facts straight into rows (they come grouped by period, key, measure and
-- bin), where a day at a time through report_write grouped them twice.
CREATE FUNCTION report_rollups_rebuild() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  -- Enough memory to group a million tickets' facts without spilling to disk.
  PERFORM set_config('work_mem', '256MB', true);
  DELETE FROM report_rollups;
  INSERT INTO report_rollups (period, day, minute, dimension, key, created, solved, responded, first_response_targets, first_response_met,
    resolution_targets, resolution_met, good, bad, solves, reopens,
    first_response_bins, first_response_counts, resolution_bins, resolution_counts, folded)
  SELECT period, day, minute, dimension, key,
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
    true
  FROM report_facts_computed()
  GROUP BY 1, 2, 3, 4, 5;
END $$;--> statement-breakpoint
-- Folds up to `max_rows` deltas into the folded rows of their quarter hour,
-- day and month (each rewritten as one row with its earlier sum); returns
-- how many deltas it folded. Any subset of deltas folds correctly (readers
-- take folded rows and every delta), so a batch is simply the first rows of
-- the partial index, as an array (picking whole groups, or joining to the
-- ids, made PostgreSQL compare every delta with every group or id). A row is summed only by the statement that
-- deleted it, and the lock lets one folder run at a time (two would delete
-- in different orders).
CREATE FUNCTION report_rollups_fold(max_rows int) RETURNS int LANGUAGE plpgsql AS $$
DECLARE
  folded_rows int;
BEGIN
  IF NOT pg_try_advisory_xact_lock(hashtext('report_rollups_fold')) THEN
    RETURN 0;
  END IF;
  WITH gone AS (
    DELETE FROM report_rollups r
    WHERE r.id = ANY (ARRAY(SELECT id FROM report_rollups WHERE NOT folded LIMIT max_rows)) AND NOT r.folded
    RETURNING r.*
  ), targets AS (
    SELECT DISTINCT t.period, t.day, t.minute, g.dimension, g.key
    FROM (SELECT DISTINCT day, minute, dimension, key FROM gone) g CROSS JOIN LATERAL report_periods(g.day, g.minute) t
  ), earlier AS (
    DELETE FROM report_rollups r USING targets t
    WHERE r.folded AND r.period = t.period AND r.day = t.day AND r.minute = t.minute AND r.dimension = t.dimension AND r.key = t.key
    RETURNING r.*
  ), facts AS (
    SELECT t.period, t.day, t.minute, g.dimension, g.key, f.measure, f.bin, f.n
    FROM gone g CROSS JOIN LATERAL report_periods(g.day, g.minute) t CROSS JOIN LATERAL report_row_facts(g::report_rollups) f
    UNION ALL
    SELECT e.period, e.day, e.minute, e.dimension, e.key, f.measure, f.bin, f.n FROM earlier e CROSS JOIN LATERAL report_row_facts(e::report_rollups) f
  ), written AS (
    SELECT report_write(array_agg(period), array_agg(day), array_agg(minute), array_agg(dimension), array_agg(key), array_agg(measure),
      array_agg(bin), array_agg(n), true)
    FROM facts
  )
  SELECT count(*)::int INTO folded_rows FROM gone, written;
  RETURN folded_rows;
END $$;--> statement-breakpoint
-- Count what is already there, in quarter hours.
SELECT report_rollups_rebuild();
