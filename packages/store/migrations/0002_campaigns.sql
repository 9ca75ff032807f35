CREATE TABLE "campaign_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"campaign_id" uuid NOT NULL,
	"occurrence" text NOT NULL,
	"trigger" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"settings" jsonb NOT NULL,
	"rows_read" bigint DEFAULT 0 NOT NULL,
	"recipients" bigint DEFAULT 0 NOT NULL,
	"sent" bigint DEFAULT 0 NOT NULL,
	"failed" bigint DEFAULT 0 NOT NULL,
	"invalid" bigint DEFAULT 0 NOT NULL,
	"duplicates" bigint DEFAULT 0 NOT NULL,
	"invalid_reasons" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"batches_total" integer DEFAULT 0 NOT NULL,
	"failure_reason" text,
	"requested_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"snapshot_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"purged_at" timestamp with time zone,
	CONSTRAINT "campaign_runs_status_check" CHECK ("campaign_runs"."status" in ('queued', 'snapshotting', 'sending', 'paused', 'completed', 'failed', 'cancelled'))
);
--> statement-breakpoint
CREATE TABLE "campaigns" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"cohort_id" uuid NOT NULL,
	"mapping" jsonb NOT NULL,
	"rate_limit_per_second" integer,
	"error_policy" jsonb NOT NULL,
	"schedule" jsonb,
	"status" text DEFAULT 'active' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "campaigns_status_check" CHECK ("campaigns"."status" in ('active', 'paused', 'completed'))
);
--> statement-breakpoint
CREATE TABLE "event_catalog" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"channels" text[] NOT NULL,
	"placeholders" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_recipients" (
	"run_id" uuid NOT NULL,
	"workspace_id" uuid NOT NULL,
	"seq" integer NOT NULL,
	"status" text NOT NULL,
	"payload" jsonb,
	"dedupe_key" text,
	"reason" text,
	"request_id" text,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone,
	CONSTRAINT "run_recipients_run_id_seq_pk" PRIMARY KEY("run_id","seq"),
	CONSTRAINT "run_recipients_status_check" CHECK ("run_recipients"."status" in ('pending', 'sent', 'failed', 'invalid', 'duplicate'))
);
--> statement-breakpoint
ALTER TABLE "run_recipients" SET (fillfactor = 70);
--> statement-breakpoint
ALTER TABLE "campaign_runs" ADD CONSTRAINT "campaign_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_runs" ADD CONSTRAINT "campaign_runs_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaign_runs" ADD CONSTRAINT "campaign_runs_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_cohort_id_cohorts_id_fk" FOREIGN KEY ("cohort_id") REFERENCES "public"."cohorts"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_catalog" ADD CONSTRAINT "event_catalog_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_recipients" ADD CONSTRAINT "run_recipients_run_id_campaign_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."campaign_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_runs_occurrence_key" ON "campaign_runs" USING btree ("campaign_id","occurrence");--> statement-breakpoint
CREATE INDEX "campaign_runs_campaign_created_idx" ON "campaign_runs" USING btree ("campaign_id","created_at");--> statement-breakpoint
CREATE INDEX "campaign_runs_workspace_status_idx" ON "campaign_runs" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "campaigns_workspace_name_key" ON "campaigns" USING btree ("workspace_id",lower("name"));--> statement-breakpoint
CREATE INDEX "campaigns_cohort_idx" ON "campaigns" USING btree ("cohort_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_catalog_workspace_name_key" ON "event_catalog" USING btree ("workspace_id","name");--> statement-breakpoint
CREATE INDEX "run_recipients_pending_idx" ON "run_recipients" USING btree ("run_id","seq") WHERE "run_recipients"."status" = 'pending';