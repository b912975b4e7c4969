CREATE TABLE `group_suspensions` (
	`group_id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`since` integer NOT NULL,
	FOREIGN KEY (`group_id`) REFERENCES `groups`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `outbox` ADD `failing_since` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `expires_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `group_id` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `audience` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `claim` text;--> statement-breakpoint
CREATE INDEX `outbox_group_idx` ON `outbox` (`group_id`);--> statement-breakpoint
CREATE INDEX `outbox_pending_expiry_idx` ON `outbox` (`expires_at`) WHERE status = 'pending';