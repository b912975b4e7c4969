CREATE TABLE "cases" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"session_id" text,
	"author_id" text NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"situation" text NOT NULL,
	"stakes" text NOT NULL,
	"tried" text NOT NULL,
	"expectations" text NOT NULL,
	"urgency" text NOT NULL,
	"visibility" text NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "checkin_participation" (
	"round_id" text NOT NULL,
	"token" text NOT NULL,
	CONSTRAINT "checkin_participation_round_id_token_pk" PRIMARY KEY("round_id","token")
);
--> statement-breakpoint
CREATE TABLE "checkin_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"after_session_id" text,
	"k" integer NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"closes_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"respondents" integer,
	"released" boolean DEFAULT false NOT NULL,
	"shared_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "checkin_tally" (
	"round_id" text NOT NULL,
	"question" text NOT NULL,
	"bucket" integer NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "checkin_tally_round_id_question_bucket_pk" PRIMARY KEY("round_id","question","bucket")
);
--> statement-breakpoint
CREATE TABLE "groups" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"space_address" text NOT NULL,
	"name" text NOT NULL,
	"language" text NOT NULL,
	"time_zone" text NOT NULL,
	"reminder_offsets" text NOT NULL,
	"checkin_k" integer NOT NULL,
	"support_contacts" text,
	"retention_months" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "groups_space_address_unique" UNIQUE("space_address")
);
--> statement-breakpoint
CREATE TABLE "inbound_events" (
	"event_id" text PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text NOT NULL,
	"until" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"group_id" text NOT NULL,
	"person_id" text NOT NULL,
	"role" text NOT NULL,
	CONSTRAINT "memberships_group_id_person_id_pk" PRIMARY KEY("group_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "occurrences" (
	"key" text PRIMARY KEY NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"outcome" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"kind" text NOT NULL,
	"address" text NOT NULL,
	"message" text NOT NULL,
	"person_id" text,
	"status" text NOT NULL,
	"attempts" integer NOT NULL,
	"next_attempt_at" timestamp (3) with time zone NOT NULL,
	"lease_until" timestamp (3) with time zone,
	"ref" text,
	"last_error" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"sent_at" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "pacing" (
	"key" text PRIMARY KEY NOT NULL,
	"until" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "people" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"workspace" text NOT NULL,
	"user_ref" text NOT NULL,
	"display_name" text NOT NULL,
	"language" text,
	"paused_until" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminder_opt_outs" (
	"session_id" text NOT NULL,
	"person_id" text NOT NULL,
	CONSTRAINT "reminder_opt_outs_session_id_person_id_pk" PRIMARY KEY("session_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"starts_at" timestamp (3) with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"place" text NOT NULL,
	"status" text NOT NULL,
	"series_id" text
);
--> statement-breakpoint
CREATE TABLE "slack_installations" (
	"key" text PRIMARY KEY NOT NULL,
	"team_id" text,
	"enterprise_id" text,
	"data" text NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "syntheses" (
	"id" text PRIMARY KEY NOT NULL,
	"author_id" text,
	"session_id" text,
	"target_groups" text NOT NULL,
	"themes" text NOT NULL,
	"learned" text NOT NULL,
	"commitments" text NOT NULL,
	"free_text" text NOT NULL,
	"status" text NOT NULL,
	"version" integer NOT NULL,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "synthesis_posts" (
	"synthesis_id" text NOT NULL,
	"group_id" text NOT NULL,
	"outbox_id" text NOT NULL,
	"posted_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "synthesis_posts_synthesis_id_group_id_pk" PRIMARY KEY("synthesis_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "teams_conversations" (
	"key" text PRIMARY KEY NOT NULL,
	"tenant_id" text NOT NULL,
	"kind" text NOT NULL,
	"reference" text NOT NULL,
	"unreachable_reported_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cases" ADD CONSTRAINT "cases_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "checkin_rounds" ADD CONSTRAINT "checkin_rounds_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_opt_outs" ADD CONSTRAINT "reminder_opt_outs_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_opt_outs" ADD CONSTRAINT "reminder_opt_outs_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "syntheses" ADD CONSTRAINT "syntheses_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "syntheses" ADD CONSTRAINT "syntheses_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synthesis_posts" ADD CONSTRAINT "synthesis_posts_synthesis_id_syntheses_id_fk" FOREIGN KEY ("synthesis_id") REFERENCES "public"."syntheses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "synthesis_posts" ADD CONSTRAINT "synthesis_posts_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cases_author_idx" ON "cases" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "cases_session_idx" ON "cases" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "cases_group_idx" ON "cases" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "checkin_rounds_group_idx" ON "checkin_rounds" USING btree ("group_id","status");--> statement-breakpoint
CREATE INDEX "inbound_events_at_idx" ON "inbound_events" USING btree ("at");--> statement-breakpoint
CREATE INDEX "memberships_person_idx" ON "memberships" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "outbox_status_next_attempt_idx" ON "outbox" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "outbox_person_idx" ON "outbox" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "people_platform_user_ref_unique" ON "people" USING btree ("platform","user_ref");--> statement-breakpoint
CREATE INDEX "reminder_opt_outs_person_idx" ON "reminder_opt_outs" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "sessions_status_starts_at_idx" ON "sessions" USING btree ("status","starts_at");--> statement-breakpoint
CREATE INDEX "sessions_group_idx" ON "sessions" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "syntheses_author_idx" ON "syntheses" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "synthesis_posts_group_idx" ON "synthesis_posts" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "teams_conversations_tenant_idx" ON "teams_conversations" USING btree ("tenant_id");