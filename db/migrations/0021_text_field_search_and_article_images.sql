ALTER TABLE "tickets" ADD COLUMN "staff_field_search" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "public_field_search" "tsvector" DEFAULT ''::tsvector NOT NULL;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "article_id" integer;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_staff_field_search_idx" ON "tickets" USING gin ("staff_field_search");--> statement-breakpoint
CREATE INDEX "tickets_public_field_search_idx" ON "tickets" USING gin ("public_field_search");--> statement-breakpoint
CREATE INDEX "attachments_article_idx" ON "attachments" USING btree ("article_id");--> statement-breakpoint
-- The words of a ticket's text custom fields (text, multi-line text): every such field for
-- staff, those not agent-only for customers. Values are keyed by field id; the trigger reads
-- the fields themselves, so every door that writes custom_values (portal, desk, API,
-- automations, bulk) keeps the documents without knowing about them.
CREATE FUNCTION ticket_field_words(field_values jsonb, customers_only boolean) RETURNS tsvector LANGUAGE sql STABLE AS $$
  SELECT coalesce(to_tsvector('english', string_agg(v.value #>> '{}', ' ')), ''::tsvector)
  FROM jsonb_each(field_values) v JOIN custom_fields f ON f.id::text = v.key
  WHERE f.target = 'ticket' AND f.type IN ('text', 'textarea') AND (NOT customers_only OR NOT f.agent_only)
$$;--> statement-breakpoint
CREATE FUNCTION ticket_field_search_set() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.staff_field_search := ticket_field_words(NEW.custom_values, false);
  NEW.public_field_search := ticket_field_words(NEW.custom_values, true);
  RETURN NEW;
END $$;--> statement-breakpoint
-- Most tickets carry no values: the WHEN clauses keep those writes free of the function call.
CREATE TRIGGER ticket_field_search_insert BEFORE INSERT ON tickets FOR EACH ROW WHEN (NEW.custom_values <> '{}'::jsonb) EXECUTE FUNCTION ticket_field_search_set();--> statement-breakpoint
CREATE TRIGGER ticket_field_search_update BEFORE UPDATE OF custom_values ON tickets FOR EACH ROW WHEN (OLD.custom_values IS DISTINCT FROM NEW.custom_values) EXECUTE FUNCTION ticket_field_search_set();--> statement-breakpoint
-- A field turned agent-only (or back) changes what customers may find its tickets by: rebuild
-- the tickets holding a value of it (a rare admin action; a full pass over tickets is acceptable).
CREATE FUNCTION ticket_field_search_field_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE tickets SET staff_field_search = ticket_field_words(custom_values, false), public_field_search = ticket_field_words(custom_values, true)
  WHERE custom_values ? OLD.id::text;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER ticket_field_search_field_update AFTER UPDATE OF agent_only ON custom_fields FOR EACH ROW WHEN (OLD.target = 'ticket' AND OLD.agent_only IS DISTINCT FROM NEW.agent_only) EXECUTE FUNCTION ticket_field_search_field_changed();--> statement-breakpoint
CREATE TRIGGER ticket_field_search_field_delete AFTER DELETE ON custom_fields FOR EACH ROW WHEN (OLD.target = 'ticket') EXECUTE FUNCTION ticket_field_search_field_changed();--> statement-breakpoint
-- Values stored before this migration.
UPDATE tickets SET staff_field_search = ticket_field_words(custom_values, false), public_field_search = ticket_field_words(custom_values, true) WHERE custom_values <> '{}'::jsonb;
