CREATE TABLE `guides` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`session_id` text NOT NULL,
	`case_id` text NOT NULL,
	`status` text NOT NULL,
	`step` integer NOT NULL,
	`minutes` text NOT NULL,
	`spent_seconds` text NOT NULL,
	`step_started_at` integer NOT NULL,
	`extra_minutes` integer NOT NULL,
	`paused_at` integer,
	`paused_ms` integer NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer,
	`ended_by` text,
	`post_id` text NOT NULL,
	`edit_id` text,
	`edits` integer NOT NULL,
	`shown` text NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_id`) REFERENCES `cases`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `guides_one_running_per_group` ON `guides` (`group_id`) WHERE "guides"."status" = 'running';--> statement-breakpoint
CREATE INDEX `guides_status_idx` ON `guides` (`status`);--> statement-breakpoint
CREATE INDEX `guides_session_idx` ON `guides` (`session_id`);--> statement-breakpoint
CREATE INDEX `guides_case_idx` ON `guides` (`case_id`);--> statement-breakpoint
ALTER TABLE `cases` ADD `client_request` text;--> statement-breakpoint
ALTER TABLE `groups` ADD `guide_minutes` text DEFAULT '[10,10,5,25,15,10]' NOT NULL;