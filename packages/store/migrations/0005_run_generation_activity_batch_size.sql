ALTER TABLE "campaign_runs" ADD COLUMN "batch_size" integer DEFAULT 1000 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_runs" ADD COLUMN "job_generation" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_runs" ADD COLUMN "last_activity_at" timestamp with time zone DEFAULT now() NOT NULL;