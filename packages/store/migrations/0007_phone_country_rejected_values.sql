ALTER TABLE "run_recipients" ADD COLUMN "rejected" jsonb;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "default_phone_country" text;