-- Written by hand (drizzle-kit cannot express it): no planner statistics on the columns that hold a name, an
-- identifier of a person, a group, a workspace or a conversation (Cairn's own or the platform's), or what
-- someone wrote. ANALYZE (autovacuum's, at any moment) copies sampled values of every column into pg_statistic
-- (read through pg_stats: most common values, histogram bounds), where they outlive the rows: an emptied
-- table is never analysed again and VACUUM (FULL, ANALYZE) leaves them. A deleted note, a forgotten person
-- or an uninstalled workspace would stay readable there (test/privacy/deleted-postgres.test.ts,
-- deleted-notes-postgres.test.ts). Statistics stay on the keys of things (sessions, cases, rounds, notes,
-- plans…), statuses, kinds, numbers and timestamps, which the planner uses. The participation tokens and
-- tally counters have none since 0001.
-- Changing a column's type to the same type drops the statistics already taken on it (existing
-- installations): no table is rewritten (same type), the indexes keep their files but the partial one on
-- guides.group_id, built anew, and the constraints are re-added as they were (test/privacy/
-- statistics-postgres.test.ts). The old values stay, as dead rows, in pg_statistic's file until it is
-- rewritten (VACUUM FULL), and in the WAL (PRIVACY.md, limit 12).
ALTER TABLE "groups" ALTER COLUMN "id" TYPE text,
  ALTER COLUMN "id" SET STATISTICS 0,
  ALTER COLUMN "workspace" TYPE text,
  ALTER COLUMN "workspace" SET STATISTICS 0,
  ALTER COLUMN "space_address" TYPE text,
  ALTER COLUMN "space_address" SET STATISTICS 0,
  ALTER COLUMN "name" TYPE text,
  ALTER COLUMN "name" SET STATISTICS 0,
  ALTER COLUMN "support_contacts" TYPE text,
  ALTER COLUMN "support_contacts" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "people" ALTER COLUMN "id" TYPE text,
  ALTER COLUMN "id" SET STATISTICS 0,
  ALTER COLUMN "workspace" TYPE text,
  ALTER COLUMN "workspace" SET STATISTICS 0,
  ALTER COLUMN "user_ref" TYPE text,
  ALTER COLUMN "user_ref" SET STATISTICS 0,
  ALTER COLUMN "display_name" TYPE text,
  ALTER COLUMN "display_name" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "memberships" ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0,
  ALTER COLUMN "person_id" TYPE text,
  ALTER COLUMN "person_id" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "sessions" ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0,
  ALTER COLUMN "place" TYPE text,
  ALTER COLUMN "place" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "cases" ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0,
  ALTER COLUMN "author_id" TYPE text,
  ALTER COLUMN "author_id" SET STATISTICS 0,
  ALTER COLUMN "title" TYPE text,
  ALTER COLUMN "title" SET STATISTICS 0,
  ALTER COLUMN "situation" TYPE text,
  ALTER COLUMN "situation" SET STATISTICS 0,
  ALTER COLUMN "stakes" TYPE text,
  ALTER COLUMN "stakes" SET STATISTICS 0,
  ALTER COLUMN "tried" TYPE text,
  ALTER COLUMN "tried" SET STATISTICS 0,
  ALTER COLUMN "expectations" TYPE text,
  ALTER COLUMN "expectations" SET STATISTICS 0,
  ALTER COLUMN "client_request" TYPE text,
  ALTER COLUMN "client_request" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "reminder_opt_outs" ALTER COLUMN "person_id" TYPE text,
  ALTER COLUMN "person_id" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "occurrences" ALTER COLUMN "key" TYPE text,
  ALTER COLUMN "key" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "outbox" ALTER COLUMN "id" TYPE text,
  ALTER COLUMN "id" SET STATISTICS 0,
  ALTER COLUMN "address" TYPE text,
  ALTER COLUMN "address" SET STATISTICS 0,
  ALTER COLUMN "message" TYPE text,
  ALTER COLUMN "message" SET STATISTICS 0,
  ALTER COLUMN "person_id" TYPE text,
  ALTER COLUMN "person_id" SET STATISTICS 0,
  ALTER COLUMN "ref" TYPE text,
  ALTER COLUMN "ref" SET STATISTICS 0,
  ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "checkin_rounds" ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "syntheses" ALTER COLUMN "author_id" TYPE text,
  ALTER COLUMN "author_id" SET STATISTICS 0,
  ALTER COLUMN "target_groups" TYPE text,
  ALTER COLUMN "target_groups" SET STATISTICS 0,
  ALTER COLUMN "themes" TYPE text,
  ALTER COLUMN "themes" SET STATISTICS 0,
  ALTER COLUMN "learned" TYPE text,
  ALTER COLUMN "learned" SET STATISTICS 0,
  ALTER COLUMN "commitments" TYPE text,
  ALTER COLUMN "commitments" SET STATISTICS 0,
  ALTER COLUMN "free_text" TYPE text,
  ALTER COLUMN "free_text" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "synthesis_posts" ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0,
  ALTER COLUMN "outbox_id" TYPE text,
  ALTER COLUMN "outbox_id" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "slack_installations" ALTER COLUMN "key" TYPE text,
  ALTER COLUMN "key" SET STATISTICS 0,
  ALTER COLUMN "team_id" TYPE text,
  ALTER COLUMN "team_id" SET STATISTICS 0,
  ALTER COLUMN "enterprise_id" TYPE text,
  ALTER COLUMN "enterprise_id" SET STATISTICS 0,
  ALTER COLUMN "data" TYPE text,
  ALTER COLUMN "data" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "teams_conversations" ALTER COLUMN "key" TYPE text,
  ALTER COLUMN "key" SET STATISTICS 0,
  ALTER COLUMN "tenant_id" TYPE text,
  ALTER COLUMN "tenant_id" SET STATISTICS 0,
  ALTER COLUMN "reference" TYPE text,
  ALTER COLUMN "reference" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "group_suspensions" ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "guides" ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "notes" ALTER COLUMN "author_id" TYPE text,
  ALTER COLUMN "author_id" SET STATISTICS 0,
  ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0,
  ALTER COLUMN "text" TYPE text,
  ALTER COLUMN "text" SET STATISTICS 0,
  ALTER COLUMN "noticed" TYPE text,
  ALTER COLUMN "noticed" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "notebook_settings" ALTER COLUMN "person_id" TYPE text,
  ALTER COLUMN "person_id" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "action_plans" ALTER COLUMN "author_id" TYPE text,
  ALTER COLUMN "author_id" SET STATISTICS 0,
  ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0,
  ALTER COLUMN "what" TYPE text,
  ALTER COLUMN "what" SET STATISTICS 0,
  ALTER COLUMN "with_whom" TYPE text,
  ALTER COLUMN "with_whom" SET STATISTICS 0,
  ALTER COLUMN "support" TYPE text,
  ALTER COLUMN "support" SET STATISTICS 0,
  ALTER COLUMN "happened" TYPE text,
  ALTER COLUMN "happened" SET STATISTICS 0,
  ALTER COLUMN "learned" TYPE text,
  ALTER COLUMN "learned" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "case_choice_settings" ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "membership_starts" ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0,
  ALTER COLUMN "person_id" TYPE text,
  ALTER COLUMN "person_id" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "case_vote_rounds" ALTER COLUMN "group_id" TYPE text,
  ALTER COLUMN "group_id" SET STATISTICS 0;
--> statement-breakpoint
ALTER TABLE "pacing" ALTER COLUMN "key" TYPE text,
  ALTER COLUMN "key" SET STATISTICS 0;