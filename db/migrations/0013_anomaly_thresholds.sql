CREATE TABLE `anomaly_thresholds` (
	`id` text PRIMARY KEY NOT NULL,
	`overrides` text NOT NULL,
	`updated_by` text,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "anomaly_thresholds_chain_ck" CHECK("anomaly_thresholds"."id" = 'chain'),
	CONSTRAINT "anomaly_thresholds_object_ck" CHECK(json_valid("anomaly_thresholds"."overrides") AND json_type("anomaly_thresholds"."overrides") = 'object')
);
