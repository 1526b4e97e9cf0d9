CREATE TABLE `correction_counters` (
	`correction_id` text NOT NULL,
	`user_id` text NOT NULL,
	PRIMARY KEY(`correction_id`, `user_id`),
	FOREIGN KEY (`correction_id`) REFERENCES `corrections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `correction_counters_user_idx` ON `correction_counters` (`user_id`);--> statement-breakpoint
ALTER TABLE `users` ADD `created_by` text;--> statement-breakpoint
ALTER TABLE `users` ADD `credentials_set_by` text;--> statement-breakpoint
ALTER TABLE `users` ADD `credentials_set_at` text;