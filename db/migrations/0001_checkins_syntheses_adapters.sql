CREATE TABLE `checkin_participation` (
	`round_id` text NOT NULL,
	`token` text NOT NULL,
	PRIMARY KEY(`round_id`, `token`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `checkin_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`status` text NOT NULL,
	`source` text NOT NULL,
	`after_session_id` text,
	`k` integer NOT NULL,
	`opened_at` integer NOT NULL,
	`closes_at` integer NOT NULL,
	`closed_at` integer,
	`respondents` integer,
	`released` integer DEFAULT false NOT NULL,
	`shared_at` integer,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `checkin_rounds_group_idx` ON `checkin_rounds` (`group_id`,`status`);--> statement-breakpoint
CREATE TABLE `checkin_tally` (
	`round_id` text NOT NULL,
	`question` text NOT NULL,
	`bucket` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`round_id`, `question`, `bucket`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `slack_installations` (
	`key` text PRIMARY KEY NOT NULL,
	`team_id` text,
	`enterprise_id` text,
	`data` text NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `syntheses` (
	`id` text PRIMARY KEY NOT NULL,
	`author_id` text,
	`session_id` text,
	`target_groups` text NOT NULL,
	`themes` text NOT NULL,
	`learned` text NOT NULL,
	`commitments` text NOT NULL,
	`free_text` text NOT NULL,
	`status` text NOT NULL,
	`version` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `syntheses_author_idx` ON `syntheses` (`author_id`);--> statement-breakpoint
CREATE TABLE `synthesis_posts` (
	`synthesis_id` text NOT NULL,
	`group_id` text NOT NULL,
	`outbox_id` text NOT NULL,
	`posted_at` integer NOT NULL,
	PRIMARY KEY(`synthesis_id`, `group_id`),
	FOREIGN KEY (`synthesis_id`) REFERENCES `syntheses`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `synthesis_posts_group_idx` ON `synthesis_posts` (`group_id`);--> statement-breakpoint
CREATE TABLE `teams_conversations` (
	`key` text PRIMARY KEY NOT NULL,
	`tenant_id` text NOT NULL,
	`kind` text NOT NULL,
	`reference` text NOT NULL,
	`unreachable_reported_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `teams_conversations_tenant_idx` ON `teams_conversations` (`tenant_id`);