ALTER TABLE `users` ADD `password_temporary` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `pin_temporary` integer DEFAULT false NOT NULL;