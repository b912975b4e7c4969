CREATE TABLE `action_plans` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`author_id` text NOT NULL,
	`group_id` text NOT NULL,
	`what` text NOT NULL,
	`with_whom` text NOT NULL,
	`support` text NOT NULL,
	`visibility` text NOT NULL,
	`follow_up_on` text NOT NULL,
	`follow_up` text NOT NULL,
	`outcome` text,
	`happened` text,
	`learned` text,
	`share` text,
	`reported_at` integer,
	`digested_for` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `action_plans_case_id_unique` ON `action_plans` (`case_id`);--> statement-breakpoint
CREATE INDEX `action_plans_author_idx` ON `action_plans` (`author_id`);--> statement-breakpoint
CREATE INDEX `action_plans_group_idx` ON `action_plans` (`group_id`);--> statement-breakpoint
CREATE TABLE `notebook_settings` (
	`person_id` text PRIMARY KEY NOT NULL,
	`keep_months` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `notes` (
	`id` text PRIMARY KEY NOT NULL,
	`author_id` text NOT NULL,
	`group_id` text,
	`session_id` text,
	`kind` text NOT NULL,
	`text` text NOT NULL,
	`noticed` text NOT NULL,
	`shared_at` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `notes_author_idx` ON `notes` (`author_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `notes_session_idx` ON `notes` (`session_id`);