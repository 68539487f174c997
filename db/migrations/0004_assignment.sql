CREATE TYPE "public"."assignment_mode" AS ENUM('off', 'round_robin', 'least_load');--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "away_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "team_members" ADD COLUMN "last_assigned_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "assignment_mode" "assignment_mode" DEFAULT 'off' NOT NULL;--> statement-breakpoint
ALTER TABLE "ticket_events" ADD COLUMN "detail" text;