CREATE TYPE "public"."custom_field_target" AS ENUM('ticket', 'user', 'organization');--> statement-breakpoint
CREATE TYPE "public"."custom_field_type" AS ENUM('text', 'textarea', 'number', 'date', 'checkbox', 'dropdown', 'multiselect');--> statement-breakpoint
CREATE TYPE "public"."help_center_event_kind" AS ENUM('article_view', 'search');--> statement-breakpoint
CREATE TABLE "custom_fields" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "custom_fields_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"target" "custom_field_target" NOT NULL,
	"key" text NOT NULL,
	"label" text NOT NULL,
	"help_text" text DEFAULT '' NOT NULL,
	"type" "custom_field_type" NOT NULL,
	"options" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"required_for_customers" boolean DEFAULT false NOT NULL,
	"required_on_solve" boolean DEFAULT false NOT NULL,
	"agent_only" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_form_fields" (
	"category_id" uuid NOT NULL,
	"field_id" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "ticket_form_fields_category_id_field_id_pk" PRIMARY KEY("category_id","field_id")
);
--> statement-breakpoint
CREATE TABLE "help_center_events" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "help_center_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"kind" "help_center_event_kind" NOT NULL,
	"article_id" integer,
	"query" text,
	"result_count" integer,
	"user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "intake_visits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"first_article_id" integer,
	"articles_opened" integer DEFAULT 0 NOT NULL,
	"ticket_id" uuid
);
--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "custom_values" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "custom_values" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "custom_values" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_form_fields" ADD CONSTRAINT "ticket_form_fields_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_form_fields" ADD CONSTRAINT "ticket_form_fields_field_id_custom_fields_id_fk" FOREIGN KEY ("field_id") REFERENCES "public"."custom_fields"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_center_events" ADD CONSTRAINT "help_center_events_article_id_articles_id_fk" FOREIGN KEY ("article_id") REFERENCES "public"."articles"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "help_center_events" ADD CONSTRAINT "help_center_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_visits" ADD CONSTRAINT "intake_visits_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_visits" ADD CONSTRAINT "intake_visits_first_article_id_articles_id_fk" FOREIGN KEY ("first_article_id") REFERENCES "public"."articles"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "intake_visits" ADD CONSTRAINT "intake_visits_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "custom_fields_target_key_key" ON "custom_fields" USING btree ("target","key");--> statement-breakpoint
CREATE INDEX "custom_fields_target_position_idx" ON "custom_fields" USING btree ("target","position","id");--> statement-breakpoint
CREATE INDEX "ticket_form_fields_field_idx" ON "ticket_form_fields" USING btree ("field_id");--> statement-breakpoint
CREATE INDEX "help_center_events_kind_created_idx" ON "help_center_events" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "help_center_events_article_idx" ON "help_center_events" USING btree ("article_id","created_at");--> statement-breakpoint
CREATE INDEX "intake_visits_started_idx" ON "intake_visits" USING btree ("started_at");--> statement-breakpoint
CREATE INDEX "intake_visits_user_idx" ON "intake_visits" USING btree ("user_id","started_at");--> statement-breakpoint
CREATE INDEX "tickets_custom_values_idx" ON "tickets" USING gin ("custom_values" jsonb_path_ops);