CREATE TYPE "public"."organization_domain_join" AS ENUM('verified_email', 'admin_approval', 'off');--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "domain_join" "organization_domain_join" DEFAULT 'verified_email' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "pending_organization_id" uuid;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_pending_organization_id_organizations_id_fk" FOREIGN KEY ("pending_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_pending_organization_idx" ON "users" USING btree ("pending_organization_id") WHERE "users"."pending_organization_id" is not null;