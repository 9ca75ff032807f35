ALTER TABLE "workspace_settings" ADD COLUMN "llm_base_url" text;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "llm_model" text;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "llm_api_key_secret" text;--> statement-breakpoint
ALTER TABLE "workspace_settings" ADD COLUMN "llm_send_sample_values" boolean DEFAULT false NOT NULL;