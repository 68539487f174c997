CREATE TYPE "public"."sla_metric" AS ENUM('first_response', 'resolution');--> statement-breakpoint
CREATE TABLE "business_calendars" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"time_zone" text NOT NULL,
	"weekly" jsonb NOT NULL,
	"holidays" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"priority" "ticket_priority" NOT NULL,
	"category_id" uuid,
	"organization_id" uuid,
	"first_response_minutes" integer,
	"resolution_minutes" integer,
	"pause_on_pending" boolean DEFAULT true NOT NULL,
	"pause_on_hold" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_policies_scope_key" UNIQUE NULLS NOT DISTINCT("priority","category_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_slas" (
	"ticket_id" uuid NOT NULL,
	"metric" "sla_metric" NOT NULL,
	"policy_id" uuid,
	"target_minutes" integer NOT NULL,
	"elapsed_minutes" double precision DEFAULT 0 NOT NULL,
	"running_since" timestamp with time zone,
	"due_at" timestamp with time zone,
	"at_risk_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"met" boolean,
	"breached_at" timestamp with time zone,
	"breach_notified_at" timestamp with time zone,
	CONSTRAINT "ticket_slas_ticket_id_metric_pk" PRIMARY KEY("ticket_id","metric")
);
--> statement-breakpoint
CREATE TABLE "automation_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"run_on_create" boolean DEFAULT true NOT NULL,
	"run_on_update" boolean DEFAULT false NOT NULL,
	"match_all" boolean DEFAULT true NOT NULL,
	"conditions" jsonb NOT NULL,
	"actions" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "automation_runs" (
	"rule_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "automation_runs_rule_id_ticket_id_pk" PRIMARY KEY("rule_id","ticket_id")
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "calendar_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_at_risk_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_paused_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_slas" ADD CONSTRAINT "ticket_slas_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_slas" ADD CONSTRAINT "ticket_slas_policy_id_sla_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_rule_id_automation_rules_id_fk" FOREIGN KEY ("rule_id") REFERENCES "public"."automation_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "automation_runs" ADD CONSTRAINT "automation_runs_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "business_calendars_name_key" ON "business_calendars" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "business_calendars_default_key" ON "business_calendars" USING btree ("is_default") WHERE "business_calendars"."is_default";--> statement-breakpoint
CREATE INDEX "ticket_slas_breach_due_idx" ON "ticket_slas" USING btree ("due_at") WHERE "ticket_slas"."running_since" is not null and "ticket_slas"."breach_notified_at" is null;--> statement-breakpoint
CREATE INDEX "ticket_slas_completed_idx" ON "ticket_slas" USING btree ("metric","completed_at");--> statement-breakpoint
CREATE INDEX "automation_rules_position_idx" ON "automation_rules" USING btree ("position");--> statement-breakpoint
CREATE INDEX "automation_runs_ticket_idx" ON "automation_runs" USING btree ("ticket_id");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_calendar_id_business_calendars_id_fk" FOREIGN KEY ("calendar_id") REFERENCES "public"."business_calendars"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_sla_due_idx" ON "tickets" USING btree ("sla_due_at","id") WHERE status in ('new', 'open', 'pending', 'on_hold');