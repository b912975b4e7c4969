-- The group's vote on proposed cases and the rotation (issue 19). The ballot's participation tokens and
-- counters are WITHOUT ROWID (added by hand: drizzle-kit cannot express it), like the check-in's.
CREATE TABLE `case_choice_settings` (
	`group_id` text PRIMARY KEY NOT NULL,
	`cases_per_session` integer NOT NULL,
	`vote_when_more` integer NOT NULL,
	`cycle_starts_on` text,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `case_vote_participation` (
	`round_id` text NOT NULL,
	`token` text NOT NULL,
	PRIMARY KEY(`round_id`, `token`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `case_vote_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`session_id` text NOT NULL,
	`status` text NOT NULL,
	`max_choices` integer NOT NULL,
	`hidden_cases` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	`voters` integer,
	`released` integer DEFAULT false NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `case_vote_rounds_group_idx` ON `case_vote_rounds` (`group_id`,`status`);--> statement-breakpoint
CREATE INDEX `case_vote_rounds_session_idx` ON `case_vote_rounds` (`session_id`);--> statement-breakpoint
CREATE TABLE `case_vote_tally` (
	`round_id` text NOT NULL,
	`case_id` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`round_id`, `case_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `membership_starts` (
	`group_id` text NOT NULL,
	`person_id` text NOT NULL,
	`since` integer NOT NULL,
	PRIMARY KEY(`group_id`, `person_id`),
	FOREIGN KEY (`group_id`,`person_id`) REFERENCES `memberships`(`group_id`,`person_id`) ON UPDATE no action ON DELETE cascade
);
