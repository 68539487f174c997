CREATE TYPE "public"."satisfaction_score" AS ENUM('good', 'bad');--> statement-breakpoint
CREATE TABLE "satisfaction_ratings" (
	"ticket_id" uuid PRIMARY KEY NOT NULL,
	"score" "satisfaction_score" NOT NULL,
	"comment" text,
	"assignee_id" uuid,
	"rated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "satisfaction_surveys" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "satisfaction_link_days" integer DEFAULT 14 NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "reopen_on_bad_rating" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "satisfaction_ratings" ADD CONSTRAINT "satisfaction_ratings_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "satisfaction_ratings_rated_at_idx" ON "satisfaction_ratings" USING btree ("rated_at");--> statement-breakpoint
CREATE INDEX "satisfaction_ratings_assignee_idx" ON "satisfaction_ratings" USING btree ("assignee_id","rated_at");--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_satisfaction_link_days" CHECK ("settings"."satisfaction_link_days" between 1 and 365);