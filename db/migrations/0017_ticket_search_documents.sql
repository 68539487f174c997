ALTER TABLE "tickets" ADD COLUMN "staff_search" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "public_search" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
-- Per-ticket search documents: the words (no positions) of every message of a
-- ticket, and of its public messages only. They only ever grow by a message's
-- own words, so a message adds them with one concatenation; a message removed
-- or changed (undoing a merge) rebuilds its ticket's documents from the thread.
-- Which kinds customers read is the rule of server/tickets/ticket-scope.ts
-- (public only): tests/integration/search-documents checks the two agree.
CREATE AGGREGATE tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');--> statement-breakpoint
CREATE FUNCTION ticket_search_rebuild(ticket_ids uuid[]) RETURNS void LANGUAGE sql AS $$
  UPDATE tickets t SET staff_search = d.staff, public_search = d.public
  FROM unnest(ticket_ids) AS x(id)
  CROSS JOIN LATERAL (
    SELECT strip(tsvector_agg(m.body_search)) AS staff, strip(tsvector_agg(m.body_search) FILTER (WHERE m.kind = 'public')) AS public
    FROM messages m WHERE m.ticket_id = x.id
  ) d
  WHERE t.id = x.id AND (t.staff_search <> d.staff OR t.public_search <> d.public)
$$;--> statement-breakpoint
-- Statement triggers with transition tables: a statement inserting many
-- messages (a merge, a seed) updates each ticket once, and a ticket whose
-- documents already hold every new word is not updated at all.
CREATE FUNCTION ticket_search_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets t SET staff_search = t.staff_search || n.staff, public_search = t.public_search || n.public
  FROM (
    SELECT ticket_id, strip(tsvector_agg(body_search)) AS staff, strip(tsvector_agg(body_search) FILTER (WHERE kind = 'public')) AS public
    FROM inserted_messages GROUP BY ticket_id
  ) n
  WHERE t.id = n.ticket_id AND (t.staff_search <> t.staff_search || n.staff OR t.public_search <> t.public_search || n.public);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION ticket_search_messages_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ticket_search_rebuild(array(SELECT DISTINCT ticket_id FROM deleted_messages));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE FUNCTION ticket_search_messages_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM ticket_search_rebuild(array(
    SELECT unnest(array[o.ticket_id, n.ticket_id]) FROM old_messages o JOIN new_messages n ON n.id = o.id
    WHERE (o.body, o.kind, o.ticket_id) IS DISTINCT FROM (n.body, n.kind, n.ticket_id)
    GROUP BY 1
  ));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER ticket_search_messages_insert AFTER INSERT ON messages REFERENCING NEW TABLE AS inserted_messages FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_messages_inserted();--> statement-breakpoint
CREATE TRIGGER ticket_search_messages_delete AFTER DELETE ON messages REFERENCING OLD TABLE AS deleted_messages FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_messages_deleted();--> statement-breakpoint
CREATE TRIGGER ticket_search_messages_update AFTER UPDATE ON messages REFERENCING OLD TABLE AS old_messages NEW TABLE AS new_messages FOR EACH STATEMENT EXECUTE FUNCTION ticket_search_messages_updated();--> statement-breakpoint
-- Every ticket's documents from its stored message vectors, in one pass: for
-- existing threads here (before the indexes are built) and after a bulk load
-- (scripts/seed/bulk), which loads messages with these triggers off.
CREATE FUNCTION ticket_search_rebuild_all() RETURNS void LANGUAGE sql AS $$
  UPDATE tickets t SET staff_search = d.staff, public_search = d.public
  FROM (
    SELECT ticket_id, strip(tsvector_agg(body_search)) AS staff, strip(tsvector_agg(body_search) FILTER (WHERE kind = 'public')) AS public
    FROM messages GROUP BY ticket_id
  ) d
  WHERE t.id = d.ticket_id AND (t.staff_search <> d.staff OR t.public_search <> d.public)
$$;--> statement-breakpoint
SELECT ticket_search_rebuild_all();--> statement-breakpoint
CREATE INDEX "tickets_staff_search_idx" ON "tickets" USING gin ("staff_search");--> statement-breakpoint
CREATE INDEX "tickets_public_search_idx" ON "tickets" USING gin ("public_search");
