CREATE TABLE "action_plans" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"author_id" text NOT NULL,
	"group_id" text NOT NULL,
	"what" text NOT NULL,
	"with_whom" text NOT NULL,
	"support" text NOT NULL,
	"visibility" text NOT NULL,
	"follow_up_on" text NOT NULL,
	"follow_up" text NOT NULL,
	"outcome" text,
	"happened" text,
	"learned" text,
	"share" text,
	"reported_at" timestamp (3) with time zone,
	"digested_for" text,
	"created_at" timestamp (3) with time zone NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "action_plans_case_id_unique" UNIQUE("case_id")
);
--> statement-breakpoint
CREATE TABLE "case_choice_settings" (
	"group_id" text PRIMARY KEY NOT NULL,
	"cases_per_session" integer NOT NULL,
	"vote_when_more" boolean NOT NULL,
	"cycle_starts_on" text
);
--> statement-breakpoint
CREATE TABLE "case_vote_participation" (
	"round_id" text NOT NULL,
	"token" text NOT NULL,
	CONSTRAINT "case_vote_participation_round_id_token_pk" PRIMARY KEY("round_id","token")
);
--> statement-breakpoint
CREATE TABLE "case_vote_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"session_id" text NOT NULL,
	"status" text NOT NULL,
	"max_choices" integer NOT NULL,
	"hidden_cases" integer NOT NULL,
	"opened_at" timestamp (3) with time zone NOT NULL,
	"closes_at" timestamp (3) with time zone NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"voters" integer,
	"released" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_vote_tally" (
	"round_id" text NOT NULL,
	"case_id" text NOT NULL,
	"count" bigint NOT NULL,
	CONSTRAINT "case_vote_tally_round_id_case_id_pk" PRIMARY KEY("round_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "group_suspensions" (
	"group_id" text PRIMARY KEY NOT NULL,
	"reason" text NOT NULL,
	"since" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guides" (
	"id" text PRIMARY KEY NOT NULL,
	"group_id" text NOT NULL,
	"session_id" text NOT NULL,
	"case_id" text NOT NULL,
	"status" text NOT NULL,
	"step" integer NOT NULL,
	"minutes" text NOT NULL,
	"spent_seconds" text NOT NULL,
	"step_started_at" timestamp (3) with time zone NOT NULL,
	"extra_minutes" integer NOT NULL,
	"paused_at" timestamp (3) with time zone,
	"paused_ms" integer NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"ended_at" timestamp (3) with time zone,
	"ended_by" text,
	"post_id" text NOT NULL,
	"edit_id" text,
	"edits" integer NOT NULL,
	"shown" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "membership_starts" (
	"group_id" text NOT NULL,
	"person_id" text NOT NULL,
	"since" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "membership_starts_group_id_person_id_pk" PRIMARY KEY("group_id","person_id")
);
--> statement-breakpoint
CREATE TABLE "notebook_settings" (
	"person_id" text PRIMARY KEY NOT NULL,
	"keep_months" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "notes" (
	"id" text PRIMARY KEY NOT NULL,
	"author_id" text NOT NULL,
	"group_id" text,
	"session_id" text,
	"kind" text NOT NULL,
	"text" text NOT NULL,
	"noticed" text NOT NULL,
	"shared_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "client_request" text;--> statement-breakpoint
ALTER TABLE "groups" ADD COLUMN "guide_minutes" text DEFAULT '[10,10,5,25,15,10]' NOT NULL;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "failing_since" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "expires_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "group_id" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "audience" text;--> statement-breakpoint
ALTER TABLE "outbox" ADD COLUMN "claim" text;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_plans" ADD CONSTRAINT "action_plans_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_choice_settings" ADD CONSTRAINT "case_choice_settings_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_vote_rounds" ADD CONSTRAINT "case_vote_rounds_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "group_suspensions" ADD CONSTRAINT "group_suspensions_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guides" ADD CONSTRAINT "guides_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guides" ADD CONSTRAINT "guides_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guides" ADD CONSTRAINT "guides_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "membership_starts" ADD CONSTRAINT "membership_starts_group_id_person_id_memberships_group_id_person_id_fk" FOREIGN KEY ("group_id","person_id") REFERENCES "public"."memberships"("group_id","person_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notebook_settings" ADD CONSTRAINT "notebook_settings_person_id_people_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_author_id_people_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."people"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_group_id_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notes" ADD CONSTRAINT "notes_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_plans_author_idx" ON "action_plans" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "action_plans_group_idx" ON "action_plans" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "case_vote_rounds_group_idx" ON "case_vote_rounds" USING btree ("group_id","status");--> statement-breakpoint
CREATE INDEX "case_vote_rounds_session_idx" ON "case_vote_rounds" USING btree ("session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "guides_one_running_per_group" ON "guides" USING btree ("group_id") WHERE "guides"."status" = 'running';--> statement-breakpoint
CREATE INDEX "guides_status_idx" ON "guides" USING btree ("status");--> statement-breakpoint
CREATE INDEX "guides_session_idx" ON "guides" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "guides_case_idx" ON "guides" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "notes_author_idx" ON "notes" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "notes_session_idx" ON "notes" USING btree ("session_id");--> statement-breakpoint
CREATE INDEX "outbox_group_idx" ON "outbox" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "outbox_pending_expiry_idx" ON "outbox" USING btree ("expires_at") WHERE status = 'pending';--> statement-breakpoint
-- Added by hand (drizzle-kit cannot express it): no planner statistics on the anonymous columns. ANALYZE
-- (autovacuum's, at any moment) would copy a round's tokens and counters into pg_statistic, where they
-- outlive the round's close: an empty table is never analysed again. Changing a column's type (to the same
-- type) drops the statistics already taken.
ALTER TABLE "checkin_participation" ALTER COLUMN "token" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "checkin_participation" ALTER COLUMN "token" TYPE text;--> statement-breakpoint
ALTER TABLE "checkin_tally" ALTER COLUMN "count" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "checkin_tally" ALTER COLUMN "count" TYPE bigint;--> statement-breakpoint
ALTER TABLE "case_vote_participation" ALTER COLUMN "token" SET STATISTICS 0;--> statement-breakpoint
ALTER TABLE "case_vote_tally" ALTER COLUMN "count" SET STATISTICS 0;
