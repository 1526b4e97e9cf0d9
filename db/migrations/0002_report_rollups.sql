CREATE TABLE `rollup_corrections_daily` (
	`dim` text NOT NULL,
	`store_id` text NOT NULL,
	`day` text NOT NULL,
	`key` text NOT NULL,
	`corrections` integer NOT NULL,
	`value` integer NOT NULL,
	`write_off_value` integer NOT NULL,
	`found_value` integer NOT NULL,
	`write_off_units` integer NOT NULL,
	`found_units` integer NOT NULL,
	PRIMARY KEY(`dim`, `store_id`, `day`, `key`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "rollup_corrections_dim_ck" CHECK("rollup_corrections_daily"."dim" IN ('total','reason','person','category','item'))
);
--> statement-breakpoint
CREATE TABLE `rollup_sales_daily` (
	`store_id` text NOT NULL,
	`day` text NOT NULL,
	`receipts` integer NOT NULL,
	`sales_value` integer NOT NULL,
	PRIMARY KEY(`store_id`, `day`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `corrections_store_decided_idx` ON `corrections` (`store_id`,`status`,`decided_at`);--> statement-breakpoint
CREATE INDEX `count_entries_user_item_idx` ON `count_entries` (`user_id`,`item_id`,`at`);