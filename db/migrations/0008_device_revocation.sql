ALTER TABLE `devices` ADD `user_agent` text;--> statement-breakpoint
ALTER TABLE `devices` ADD `revoked_at` text;--> statement-breakpoint
ALTER TABLE `devices` ADD `revoked_by` text;