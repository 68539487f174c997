DROP INDEX "tickets_created_at_idx";--> statement-breakpoint
DROP INDEX "tickets_solved_at_idx";--> statement-breakpoint
DROP INDEX "ticket_slas_completed_idx";--> statement-breakpoint
DROP INDEX "satisfaction_ratings_rated_at_idx";--> statement-breakpoint
CREATE INDEX "ticket_events_status_report_idx" ON "ticket_events" USING btree ("created_at","from_value","to_value","ticket_id") WHERE "ticket_events"."field" = 'status';--> statement-breakpoint
CREATE INDEX "tickets_created_report_idx" ON "tickets" USING btree ("created_at","team_id","category_id","organization_id","assignee_id","priority","channel");--> statement-breakpoint
CREATE INDEX "tickets_solved_report_idx" ON "tickets" USING btree ("solved_at","created_at","team_id","category_id","organization_id","assignee_id","priority","channel");--> statement-breakpoint
CREATE INDEX "tickets_first_response_report_idx" ON "tickets" USING btree ("first_response_at","created_at","team_id","category_id","organization_id","assignee_id","priority","channel");--> statement-breakpoint
CREATE INDEX "ticket_slas_completed_idx" ON "ticket_slas" USING btree ("completed_at","metric","met");--> statement-breakpoint
CREATE INDEX "satisfaction_ratings_rated_at_idx" ON "satisfaction_ratings" USING btree ("rated_at","score");