PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_count_entries` (
	`id` text PRIMARY KEY NOT NULL,
	`count_id` text NOT NULL,
	`location_id` text NOT NULL,
	`item_id` text NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`quantity` integer NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text,
	`at_movement_id` integer NOT NULL,
	`at` text NOT NULL,
	FOREIGN KEY (`count_id`) REFERENCES `counts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_count_entries`("id", "count_id", "location_id", "item_id", "round", "quantity", "user_id", "device_id", "at_movement_id", "at") SELECT "id", "count_id", "location_id", "item_id", "round", "quantity", "user_id", "device_id", "at_movement_id", "at" FROM `count_entries`;--> statement-breakpoint
DROP TABLE `count_entries`;--> statement-breakpoint
ALTER TABLE `__new_count_entries` RENAME TO `count_entries`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `count_entries_count_idx` ON `count_entries` (`count_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `count_entries_user_item_idx` ON `count_entries` (`user_id`,`item_id`,`at`);--> statement-breakpoint
CREATE TABLE `__new_delivery_scans` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`item_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`damaged` integer DEFAULT false NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text,
	`at` text NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "delivery_scans_qty_ck" CHECK("__new_delivery_scans"."quantity" <> 0)
);
--> statement-breakpoint
INSERT INTO `__new_delivery_scans`("id", "delivery_id", "item_id", "quantity", "damaged", "user_id", "device_id", "at") SELECT "id", "delivery_id", "item_id", "quantity", "damaged", "user_id", "device_id", "at" FROM `delivery_scans`;--> statement-breakpoint
DROP TABLE `delivery_scans`;--> statement-breakpoint
ALTER TABLE `__new_delivery_scans` RENAME TO `delivery_scans`;--> statement-breakpoint
CREATE INDEX `delivery_scans_delivery_idx` ON `delivery_scans` (`delivery_id`);