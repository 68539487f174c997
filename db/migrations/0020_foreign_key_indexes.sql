CREATE INDEX "tickets_merged_into_idx" ON "tickets" USING btree ("merged_into_id") WHERE "tickets"."merged_into_id" is not null;--> statement-breakpoint
CREATE INDEX "tickets_follow_up_of_idx" ON "tickets" USING btree ("follow_up_of_id") WHERE "tickets"."follow_up_of_id" is not null;--> statement-breakpoint
CREATE INDEX "attachments_ticket_idx" ON "attachments" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "inbound_messages_ticket_idx" ON "inbound_messages" USING btree ("ticket_id") WHERE "inbound_messages"."ticket_id" is not null;--> statement-breakpoint
CREATE INDEX "inbound_messages_ticket_message_idx" ON "inbound_messages" USING btree ("ticket_message_id") WHERE "inbound_messages"."ticket_message_id" is not null;--> statement-breakpoint
CREATE INDEX "webhook_deliveries_ticket_idx" ON "webhook_deliveries" USING btree ("ticket_id") WHERE "webhook_deliveries"."ticket_id" is not null;--> statement-breakpoint
CREATE INDEX "intake_visits_ticket_idx" ON "intake_visits" USING btree ("ticket_id") WHERE "intake_visits"."ticket_id" is not null;