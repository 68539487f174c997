ALTER TYPE "public"."outbox_status" ADD VALUE 'delivered';--> statement-breakpoint
ALTER TYPE "public"."outbox_status" ADD VALUE 'bounced';--> statement-breakpoint
ALTER TABLE "messages" ADD COLUMN "copied_from_id" uuid;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_copied_from_id_messages_id_fk" FOREIGN KEY ("copied_from_id") REFERENCES "public"."messages"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "messages_copied_from_idx" ON "messages" USING btree ("copied_from_id") WHERE "messages"."copied_from_id" is not null;--> statement-breakpoint
CREATE INDEX "outbox_provider_message_idx" ON "outbox" USING btree ("provider_message_id") WHERE "outbox"."provider_message_id" is not null;