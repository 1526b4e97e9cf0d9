CREATE TABLE `locations` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`kind` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "locations_kind_ck" CHECK("locations"."kind" IN ('floor','stockroom','receiving','quarantine','in_transit'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `locations_store_code_uq` ON `locations` (`store_id`,`code`);--> statement-breakpoint
CREATE INDEX `locations_store_kind_idx` ON `locations` (`store_id`,`kind`);--> statement-breakpoint
CREATE TABLE `regions` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `regions_code_unique` ON `regions` (`code`);--> statement-breakpoint
CREATE TABLE `stores` (
	`id` text PRIMARY KEY NOT NULL,
	`region_id` text NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`city` text NOT NULL,
	`timezone` text DEFAULT 'Europe/Berlin' NOT NULL,
	`opens_at` text DEFAULT '08:00' NOT NULL,
	`closes_at` text DEFAULT '20:00' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `stores_code_unique` ON `stores` (`code`);--> statement-breakpoint
CREATE INDEX `stores_region_idx` ON `stores` (`region_id`);--> statement-breakpoint
CREATE TABLE `item_barcodes` (
	`barcode` text PRIMARY KEY NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "item_barcodes_kind_ck" CHECK("item_barcodes"."kind" IN ('ean13','upca','internal')),
	CONSTRAINT "item_barcodes_digits_ck" CHECK("item_barcodes"."barcode" NOT GLOB '*[^0-9]*' AND length("item_barcodes"."barcode") BETWEEN 8 AND 14)
);
--> statement-breakpoint
CREATE INDEX `item_barcodes_item_idx` ON `item_barcodes` (`item_id`);--> statement-breakpoint
CREATE TABLE `items` (
	`id` text PRIMARY KEY NOT NULL,
	`sku` text NOT NULL,
	`name` text NOT NULL,
	`category` text NOT NULL,
	`uom` text DEFAULT 'pcs' NOT NULL,
	`unit_cost` integer NOT NULL,
	`price` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "items_cost_ck" CHECK("items"."unit_cost" >= 0 AND "items"."price" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `items_sku_unique` ON `items` (`sku`);--> statement-breakpoint
CREATE INDEX `items_name_idx` ON `items` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE INDEX `items_category_idx` ON `items` (`category`);--> statement-breakpoint
CREATE TABLE `store_items` (
	`store_id` text NOT NULL,
	`item_id` text NOT NULL,
	`shelf_min` integer DEFAULT 0 NOT NULL,
	`shelf_target` integer DEFAULT 0 NOT NULL,
	`count_flag` text,
	`count_flagged_at` text,
	PRIMARY KEY(`store_id`, `item_id`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "store_items_shelf_ck" CHECK("store_items"."shelf_min" >= 0 AND "store_items"."shelf_target" >= "store_items"."shelf_min")
);
--> statement-breakpoint
CREATE INDEX `store_items_flag_idx` ON `store_items` (`store_id`,`count_flag`);--> statement-breakpoint
CREATE TABLE `devices` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`registered_by` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `devices_store_idx` ON `devices` (`store_id`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`window_start` text NOT NULL,
	`locked_until` text
);
--> statement-breakpoint
CREATE TABLE `pos_api_keys` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`name` text NOT NULL,
	`key_hash` text NOT NULL,
	`prefix` text NOT NULL,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`revoked_at` text,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pos_api_keys_hash_uq` ON `pos_api_keys` (`key_hash`);--> statement-breakpoint
CREATE INDEX `pos_api_keys_store_idx` ON `pos_api_keys` (`store_id`);--> statement-breakpoint
CREATE TABLE `role_assignments` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`role` text NOT NULL,
	`store_id` text,
	`region_id` text,
	`granted_by` text,
	`granted_at` text NOT NULL,
	`revoked_by` text,
	`revoked_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_id`) REFERENCES `regions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "role_assignments_role_ck" CHECK("role_assignments"."role" IN ('clerk','stockroom','lead','store_manager','regional_manager','admin','auditor')),
	CONSTRAINT "role_assignments_scope_ck" CHECK(NOT ("role_assignments"."store_id" IS NOT NULL AND "role_assignments"."region_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `role_assignments_user_idx` ON `role_assignments` (`user_id`);--> statement-breakpoint
CREATE INDEX `role_assignments_store_idx` ON `role_assignments` (`store_id`);--> statement-breakpoint
CREATE INDEX `role_assignments_region_idx` ON `role_assignments` (`region_id`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`device_id` text,
	`method` text NOT NULL,
	`created_at` text NOT NULL,
	`last_seen_at` text NOT NULL,
	`expires_at` text NOT NULL,
	`step_up_at` text,
	`revoked_at` text,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_device_idx` ON `sessions` (`device_id`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`employee_no` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`pin_hash` text,
	`locale` text DEFAULT 'en' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`disabled_at` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_employee_no_unique` ON `users` (`employee_no`);--> statement-breakpoint
CREATE TABLE `balances` (
	`location_id` text NOT NULL,
	`item_id` text NOT NULL,
	`store_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`updated_at` text NOT NULL,
	PRIMARY KEY(`location_id`, `item_id`),
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `balances_store_item_idx` ON `balances` (`store_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `balances_item_idx` ON `balances` (`item_id`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`response` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`scope`, `key`)
);
--> statement-breakpoint
CREATE INDEX `idempotency_created_idx` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `movements` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`store_id` text NOT NULL,
	`item_id` text NOT NULL,
	`from_location_id` text,
	`to_location_id` text,
	`counterparty` text,
	`quantity` integer NOT NULL,
	`kind` text NOT NULL,
	`doc_type` text NOT NULL,
	`doc_id` text NOT NULL,
	`correction_line_id` text,
	`actor_user_id` text,
	`actor_key_id` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`from_location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "movements_qty_ck" CHECK(typeof("movements"."quantity") = 'integer' AND "movements"."quantity" > 0),
	CONSTRAINT "movements_sides_ck" CHECK("movements"."from_location_id" IS NOT NULL OR "movements"."to_location_id" IS NOT NULL),
	CONSTRAINT "movements_distinct_ck" CHECK("movements"."from_location_id" IS NULL OR "movements"."to_location_id" IS NULL OR "movements"."from_location_id" <> "movements"."to_location_id"),
	CONSTRAINT "movements_counterparty_ck" CHECK(("movements"."from_location_id" IS NOT NULL AND "movements"."to_location_id" IS NOT NULL) = ("movements"."counterparty" IS NULL)),
	CONSTRAINT "movements_correction_ck" CHECK(("movements"."kind" = 'correction') = ("movements"."correction_line_id" IS NOT NULL)),
	CONSTRAINT "movements_kind_ck" CHECK("movements"."kind" IN ('receipt','replenish','sale','return','transfer_out','transfer_transit','transfer_in','correction','opening'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `movements_correction_line_id_unique` ON `movements` (`correction_line_id`);--> statement-breakpoint
CREATE INDEX `movements_store_item_idx` ON `movements` (`store_id`,`item_id`,`id`);--> statement-breakpoint
CREATE INDEX `movements_doc_idx` ON `movements` (`doc_type`,`doc_id`);--> statement-breakpoint
CREATE INDEX `movements_store_created_idx` ON `movements` (`store_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `audit_events` (
	`seq` integer PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`action` text NOT NULL,
	`actor_user_id` text,
	`actor_key_id` text,
	`session_id` text,
	`device_id` text,
	`request_id` text,
	`store_id` text,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`before` text,
	`after` text,
	`prev_hash` text NOT NULL,
	`hash` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `audit_events_hash_unique` ON `audit_events` (`hash`);--> statement-breakpoint
CREATE INDEX `audit_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_store_at_idx` ON `audit_events` (`store_id`,`at`);--> statement-breakpoint
CREATE INDEX `audit_actor_idx` ON `audit_events` (`actor_user_id`);--> statement-breakpoint
CREATE TABLE `correction_lines` (
	`id` text PRIMARY KEY NOT NULL,
	`correction_id` text NOT NULL,
	`line_no` integer NOT NULL,
	`location_id` text NOT NULL,
	`item_id` text NOT NULL,
	`quantity_delta` integer NOT NULL,
	`unit_cost` integer NOT NULL,
	FOREIGN KEY (`correction_id`) REFERENCES `corrections`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "correction_lines_qty_ck" CHECK(typeof("correction_lines"."quantity_delta") = 'integer' AND "correction_lines"."quantity_delta" <> 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `correction_lines_no_uq` ON `correction_lines` (`correction_id`,`line_no`);--> statement-breakpoint
CREATE UNIQUE INDEX `correction_lines_loc_item_uq` ON `correction_lines` (`correction_id`,`location_id`,`item_id`);--> statement-breakpoint
CREATE INDEX `correction_lines_item_idx` ON `correction_lines` (`item_id`);--> statement-breakpoint
CREATE TABLE `corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`source` text NOT NULL,
	`reason_code` text NOT NULL,
	`note` text,
	`value` integer NOT NULL,
	`tier_value` integer NOT NULL,
	`tier` text NOT NULL,
	`count_id` text,
	`transfer_id` text,
	`counted_by` text,
	`entered_by` text NOT NULL,
	`entered_at` text NOT NULL,
	`entered_session` text,
	`entered_device` text,
	`decided_by` text,
	`decided_at` text,
	`decided_role` text,
	`decision_note` text,
	`flagged_negative` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reason_code`) REFERENCES `reason_codes`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`counted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "corrections_status_ck" CHECK("corrections"."status" IN ('pending','confirmed','rejected','cancelled')),
	CONSTRAINT "corrections_tier_ck" CHECK("corrections"."tier" IN ('lead','store_manager','regional_manager')),
	CONSTRAINT "corrections_four_eyes_ck" CHECK("corrections"."decided_by" IS NULL OR "corrections"."status" = 'cancelled' OR "corrections"."decided_by" <> "corrections"."entered_by"),
	CONSTRAINT "corrections_counter_ck" CHECK("corrections"."status" <> 'confirmed' OR "corrections"."counted_by" IS NULL OR "corrections"."decided_by" <> "corrections"."counted_by"),
	CONSTRAINT "corrections_decided_ck" CHECK(("corrections"."status" = 'pending') = ("corrections"."decided_by" IS NULL) AND ("corrections"."status" = 'pending') = ("corrections"."decided_at" IS NULL)),
	CONSTRAINT "corrections_value_ck" CHECK("corrections"."value" >= 0 AND "corrections"."tier_value" >= "corrections"."value")
);
--> statement-breakpoint
CREATE INDEX `corrections_store_status_idx` ON `corrections` (`store_id`,`status`,`entered_at`);--> statement-breakpoint
CREATE INDEX `corrections_enterer_idx` ON `corrections` (`entered_by`,`entered_at`);--> statement-breakpoint
CREATE INDEX `corrections_decider_idx` ON `corrections` (`decided_by`);--> statement-breakpoint
CREATE TABLE `reason_codes` (
	`code` text PRIMARY KEY NOT NULL,
	`label_en` text NOT NULL,
	`label_de` text NOT NULL,
	`requires_note` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tier_policies` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text,
	`lead_max` integer NOT NULL,
	`store_manager_max` integer NOT NULL,
	`allow_negative_stockroom` integer DEFAULT false NOT NULL,
	`recount_units` integer DEFAULT 10 NOT NULL,
	`recount_value` integer DEFAULT 10000 NOT NULL,
	`escalate_after_hours` integer DEFAULT 48 NOT NULL,
	`updated_by` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "tier_policies_order_ck" CHECK("tier_policies"."lead_max" >= 0 AND "tier_policies"."store_manager_max" >= "tier_policies"."lead_max")
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tier_policies_store_uq` ON `tier_policies` (`store_id`);--> statement-breakpoint
CREATE TABLE `count_entries` (
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
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "count_entries_qty_ck" CHECK("count_entries"."quantity" >= 0)
);
--> statement-breakpoint
CREATE INDEX `count_entries_count_idx` ON `count_entries` (`count_id`,`item_id`);--> statement-breakpoint
CREATE TABLE `count_items` (
	`count_id` text NOT NULL,
	`location_id` text NOT NULL,
	`item_id` text NOT NULL,
	`expected_at_start` integer NOT NULL,
	`round` integer DEFAULT 1 NOT NULL,
	`first_counted_by` text,
	PRIMARY KEY(`count_id`, `location_id`, `item_id`),
	FOREIGN KEY (`count_id`) REFERENCES `counts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `counts` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`kind` text NOT NULL,
	`location_id` text,
	`status` text DEFAULT 'open' NOT NULL,
	`note` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`start_movement_id` integer NOT NULL,
	`submitted_by` text,
	`submitted_at` text,
	`correction_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`location_id`) REFERENCES `locations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "counts_status_ck" CHECK("counts"."status" IN ('open','recount','submitted','cancelled')),
	CONSTRAINT "counts_kind_ck" CHECK("counts"."kind" IN ('cycle','location','flagged','full'))
);
--> statement-breakpoint
CREATE INDEX `counts_store_status_idx` ON `counts` (`store_id`,`status`);--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`supplier` text NOT NULL,
	`reference` text NOT NULL,
	`status` text DEFAULT 'expected' NOT NULL,
	`expected_at` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`closed_by` text,
	`closed_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "deliveries_status_ck" CHECK("deliveries"."status" IN ('expected','receiving','closed','cancelled'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_store_ref_uq` ON `deliveries` (`store_id`,`supplier`,`reference`);--> statement-breakpoint
CREATE INDEX `deliveries_store_status_idx` ON `deliveries` (`store_id`,`status`);--> statement-breakpoint
CREATE TABLE `delivery_discrepancies` (
	`id` text PRIMARY KEY NOT NULL,
	`delivery_id` text NOT NULL,
	`item_id` text NOT NULL,
	`kind` text NOT NULL,
	`quantity` integer NOT NULL,
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "delivery_discrepancies_ck" CHECK("delivery_discrepancies"."quantity" > 0 AND "delivery_discrepancies"."kind" IN ('short','over','unexpected','damaged'))
);
--> statement-breakpoint
CREATE INDEX `delivery_discrepancies_delivery_idx` ON `delivery_discrepancies` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `delivery_lines` (
	`delivery_id` text NOT NULL,
	`item_id` text NOT NULL,
	`expected_qty` integer DEFAULT 0 NOT NULL,
	`received_qty` integer DEFAULT 0 NOT NULL,
	`damaged_qty` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`delivery_id`, `item_id`),
	FOREIGN KEY (`delivery_id`) REFERENCES `deliveries`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "delivery_lines_qty_ck" CHECK("delivery_lines"."expected_qty" >= 0 AND "delivery_lines"."received_qty" >= 0 AND "delivery_lines"."damaged_qty" >= 0)
);
--> statement-breakpoint
CREATE TABLE `delivery_scans` (
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
	CONSTRAINT "delivery_scans_qty_ck" CHECK("delivery_scans"."quantity" > 0)
);
--> statement-breakpoint
CREATE INDEX `delivery_scans_delivery_idx` ON `delivery_scans` (`delivery_id`);--> statement-breakpoint
CREATE TABLE `pos_receipts` (
	`store_id` text NOT NULL,
	`receipt_id` text NOT NULL,
	`request_hash` text NOT NULL,
	`key_id` text NOT NULL,
	`sales_value` integer NOT NULL,
	`line_count` integer NOT NULL,
	`response` text NOT NULL,
	`at` text NOT NULL,
	PRIMARY KEY(`store_id`, `receipt_id`),
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `pos_receipts_store_at_idx` ON `pos_receipts` (`store_id`,`at`);--> statement-breakpoint
CREATE TABLE `replenishment_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`store_id` text NOT NULL,
	`item_id` text NOT NULL,
	`requested_qty` integer,
	`note` text,
	`source` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`requested_by` text,
	`requested_at` text NOT NULL,
	`picked_qty` integer,
	`picked_by` text,
	`picked_at` text,
	`cannot_fill_reason` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`requested_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`picked_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "replenishment_status_ck" CHECK("replenishment_requests"."status" IN ('open','picking','done','cannot_fill','cancelled')),
	CONSTRAINT "replenishment_qty_ck" CHECK("replenishment_requests"."requested_qty" IS NULL OR "replenishment_requests"."requested_qty" > 0)
);
--> statement-breakpoint
CREATE INDEX `replenishment_store_status_idx` ON `replenishment_requests` (`store_id`,`status`);--> statement-breakpoint
CREATE TABLE `transfer_lines` (
	`transfer_id` text NOT NULL,
	`item_id` text NOT NULL,
	`quantity` integer NOT NULL,
	`received_qty` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`transfer_id`, `item_id`),
	FOREIGN KEY (`transfer_id`) REFERENCES `transfers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`item_id`) REFERENCES `items`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transfer_lines_qty_ck" CHECK("transfer_lines"."quantity" > 0 AND "transfer_lines"."received_qty" >= 0)
);
--> statement-breakpoint
CREATE TABLE `transfers` (
	`id` text PRIMARY KEY NOT NULL,
	`from_store_id` text NOT NULL,
	`to_store_id` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`note` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL,
	`shipped_by` text,
	`shipped_at` text,
	`received_by` text,
	`received_at` text,
	`correction_id` text,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`from_store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`to_store_id`) REFERENCES `stores`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transfers_stores_ck" CHECK("transfers"."from_store_id" <> "transfers"."to_store_id"),
	CONSTRAINT "transfers_status_ck" CHECK("transfers"."status" IN ('draft','shipped','received','cancelled'))
);
--> statement-breakpoint
CREATE INDEX `transfers_from_idx` ON `transfers` (`from_store_id`,`status`);--> statement-breakpoint
CREATE INDEX `transfers_to_idx` ON `transfers` (`to_store_id`,`status`);