CREATE TYPE "public"."cc_policy" AS ENUM('off', 'organization', 'anyone');--> statement-breakpoint
CREATE TYPE "public"."imap_processed_action" AS ENUM('mark_seen', 'move', 'delete');--> statement-breakpoint
CREATE TYPE "public"."mail_auth_method" AS ENUM('password', 'oauth2');--> statement-breakpoint
CREATE TYPE "public"."mail_connection_security" AS ENUM('tls', 'starttls', 'none');--> statement-breakpoint
CREATE TYPE "public"."mailbox_inbound_transport" AS ENUM('imap', 'push');--> statement-breakpoint
CREATE TYPE "public"."mailbox_outbound_transport" AS ENUM('smtp', 'resend');--> statement-breakpoint
CREATE TABLE "mailboxes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"address" varchar(254) NOT NULL,
	"display_name" varchar(120) NOT NULL,
	"default_team_id" uuid,
	"default_category_id" uuid,
	"enabled" boolean DEFAULT true NOT NULL,
	"inbound_transport" "mailbox_inbound_transport" DEFAULT 'push' NOT NULL,
	"imap_host" varchar(255),
	"imap_port" integer,
	"imap_security" "mail_connection_security" DEFAULT 'tls' NOT NULL,
	"imap_auth" "mail_auth_method" DEFAULT 'password' NOT NULL,
	"imap_username" varchar(254),
	"imap_secret" text,
	"imap_folder" varchar(200) DEFAULT 'INBOX' NOT NULL,
	"imap_processed_action" "imap_processed_action" DEFAULT 'mark_seen' NOT NULL,
	"imap_move_to_folder" varchar(200),
	"oauth_token_url" text,
	"oauth_client_id" text,
	"oauth_client_secret" text,
	"oauth_access_token" text,
	"oauth_access_token_expires_at" timestamp with time zone,
	"imap_uid_validity" bigint,
	"imap_last_uid" bigint DEFAULT 0 NOT NULL,
	"inbound_state" varchar(30) DEFAULT 'not started' NOT NULL,
	"inbound_error" text,
	"inbound_checked_at" timestamp with time zone,
	"outbound_transport" "mailbox_outbound_transport" DEFAULT 'resend' NOT NULL,
	"smtp_host" varchar(255),
	"smtp_port" integer,
	"smtp_security" "mail_connection_security" DEFAULT 'starttls' NOT NULL,
	"smtp_username" varchar(254),
	"smtp_secret" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mailboxes_address_lower" CHECK ("mailboxes"."address" = lower("mailboxes"."address")),
	CONSTRAINT "mailboxes_imap_port" CHECK ("mailboxes"."imap_port" is null or "mailboxes"."imap_port" between 1 and 65535),
	CONSTRAINT "mailboxes_smtp_port" CHECK ("mailboxes"."smtp_port" is null or "mailboxes"."smtp_port" between 1 and 65535)
);
--> statement-breakpoint
CREATE TABLE "ticket_ccs" (
	"ticket_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"added_by_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_ccs_ticket_id_user_id_pk" PRIMARY KEY("ticket_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "ticket_followers" (
	"ticket_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ticket_followers_ticket_id_user_id_pk" PRIMARY KEY("ticket_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "mailbox_id" uuid;--> statement-breakpoint
ALTER TABLE "attachments" ADD COLUMN "content_id" varchar(255);--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "assign_on_first_reply" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "cc_policy" "cc_policy" DEFAULT 'anyone' NOT NULL;--> statement-breakpoint
ALTER TABLE "settings" ADD COLUMN "blocked_extensions" text[] DEFAULT '{exe,bat,cmd,com,scr,pif,msi,msp,js,jse,vbs,vbe,ws,wsf,ps1,jar,hta,cpl,lnk,reg}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD COLUMN "mailbox_id" uuid;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "cc_addresses" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "mailbox_id" uuid;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_default_team_id_teams_id_fk" FOREIGN KEY ("default_team_id") REFERENCES "public"."teams"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mailboxes" ADD CONSTRAINT "mailboxes_default_category_id_categories_id_fk" FOREIGN KEY ("default_category_id") REFERENCES "public"."categories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_ccs" ADD CONSTRAINT "ticket_ccs_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_ccs" ADD CONSTRAINT "ticket_ccs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_ccs" ADD CONSTRAINT "ticket_ccs_added_by_id_users_id_fk" FOREIGN KEY ("added_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_followers" ADD CONSTRAINT "ticket_followers_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_followers" ADD CONSTRAINT "ticket_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mailboxes_address_key" ON "mailboxes" USING btree ("address");--> statement-breakpoint
CREATE INDEX "ticket_ccs_user_idx" ON "ticket_ccs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ticket_followers_user_idx" ON "ticket_followers" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inbound_messages" ADD CONSTRAINT "inbound_messages_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "outbox" ADD CONSTRAINT "outbox_mailbox_id_mailboxes_id_fk" FOREIGN KEY ("mailbox_id") REFERENCES "public"."mailboxes"("id") ON DELETE set null ON UPDATE no action;