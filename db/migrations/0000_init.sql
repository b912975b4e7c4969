CREATE TABLE `cases` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`session_id` text,
	`author_id` text NOT NULL,
	`title` text NOT NULL,
	`kind` text NOT NULL,
	`situation` text NOT NULL,
	`stakes` text NOT NULL,
	`tried` text NOT NULL,
	`expectations` text NOT NULL,
	`urgency` text NOT NULL,
	`visibility` text NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`author_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cases_author_idx` ON `cases` (`author_id`);--> statement-breakpoint
CREATE INDEX `cases_session_idx` ON `cases` (`session_id`);--> statement-breakpoint
CREATE INDEX `cases_group_idx` ON `cases` (`group_id`);--> statement-breakpoint
CREATE TABLE `groups` (
	`id` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`space_address` text NOT NULL,
	`name` text NOT NULL,
	`language` text NOT NULL,
	`time_zone` text NOT NULL,
	`reminder_offsets` text NOT NULL,
	`checkin_k` integer NOT NULL,
	`support_contacts` text,
	`retention_months` integer NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `groups_space_address_unique` ON `groups` (`space_address`);--> statement-breakpoint
CREATE TABLE `inbound_events` (
	`event_id` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `inbound_events_at_idx` ON `inbound_events` (`at`);--> statement-breakpoint
CREATE TABLE `leases` (
	`name` text PRIMARY KEY NOT NULL,
	`holder` text NOT NULL,
	`until` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `memberships` (
	`group_id` text NOT NULL,
	`person_id` text NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`group_id`, `person_id`),
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_person_idx` ON `memberships` (`person_id`);--> statement-breakpoint
CREATE TABLE `occurrences` (
	`key` text PRIMARY KEY NOT NULL,
	`at` integer NOT NULL,
	`outcome` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`kind` text NOT NULL,
	`address` text NOT NULL,
	`message` text NOT NULL,
	`person_id` text,
	`status` text NOT NULL,
	`attempts` integer NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`lease_until` integer,
	`ref` text,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `outbox_status_next_attempt_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_person_idx` ON `outbox` (`person_id`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`platform` text NOT NULL,
	`workspace` text NOT NULL,
	`user_ref` text NOT NULL,
	`display_name` text NOT NULL,
	`language` text,
	`paused_until` integer,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `people_platform_user_ref_unique` ON `people` (`platform`,`user_ref`);--> statement-breakpoint
CREATE TABLE `reminder_opt_outs` (
	`session_id` text NOT NULL,
	`person_id` text NOT NULL,
	PRIMARY KEY(`session_id`, `person_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `reminder_opt_outs_person_idx` ON `reminder_opt_outs` (`person_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`group_id` text NOT NULL,
	`starts_at` integer NOT NULL,
	`duration_minutes` integer NOT NULL,
	`place` text NOT NULL,
	`status` text NOT NULL,
	`series_id` text,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_status_starts_at_idx` ON `sessions` (`status`,`starts_at`);--> statement-breakpoint
CREATE INDEX `sessions_group_idx` ON `sessions` (`group_id`);