CREATE TABLE `scan_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`scan_id` integer NOT NULL,
	`other_scan_id` integer,
	`registration_id` integer NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` integer,
	`resolution` text,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scan_id`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`other_scan_id`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scan_conflicts_kind" CHECK(kind IN ('double_admission', 'admitted_after_cancellation')),
	CONSTRAINT "scan_conflicts_resolution" CHECK(("scan_conflicts"."resolved_at" IS NULL) = ("scan_conflicts"."resolution" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scan_conflicts_scanId_unique` ON `scan_conflicts` (`scan_id`);--> statement-breakpoint
CREATE INDEX `scan_conflicts_open` ON `scan_conflicts` (`conference_id`,`resolved_at`);--> statement-breakpoint
CREATE TABLE `scanner_devices` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`checkpoint_id` integer,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer,
	`revoked_at` integer,
	`revoked_by` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checkpoint_id`) REFERENCES `checkpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`revoked_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scanner_devices_name" CHECK(length("scanner_devices"."name") BETWEEN 1 AND 60)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scanner_devices_tokenHash_unique` ON `scanner_devices` (`token_hash`);--> statement-breakpoint
CREATE TABLE `scans` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`checkpoint_id` integer NOT NULL,
	`registration_id` integer,
	`kind` text DEFAULT 'scan' NOT NULL,
	`reason` text,
	`method` text,
	`entry_key` text,
	`prior_scan_id` integer,
	`undone_by` integer,
	`undoes` integer,
	`note` text,
	`device_id` text NOT NULL,
	`nonce` text NOT NULL,
	`staff_id` integer,
	`scanner_device_id` integer,
	`offline` integer DEFAULT false NOT NULL,
	`device_reason` text,
	`scanned_at` integer NOT NULL,
	`stored_at` integer NOT NULL,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checkpoint_id`) REFERENCES `checkpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`prior_scan_id`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undone_by`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undoes`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scanner_device_id`) REFERENCES `scanner_devices`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scans_kind" CHECK(kind IN ('scan', 'undo')),
	CONSTRAINT "scans_reason" CHECK("scans"."reason" IS NULL OR reason IN ('ok', 'already_checked_in', 'not_allowed_here', 'cancelled', 'invalid', 'wrong_conference', 'unknown')),
	CONSTRAINT "scans_device_reason" CHECK("scans"."device_reason" IS NULL OR device_reason IN ('ok', 'already_checked_in', 'not_allowed_here', 'cancelled', 'invalid', 'wrong_conference', 'unknown')),
	CONSTRAINT "scans_method" CHECK("scans"."method" IS NULL OR method IN ('token', 'reference', 'search')),
	CONSTRAINT "scans_shape" CHECK(("scans"."kind" = 'scan' AND "scans"."reason" IS NOT NULL AND "scans"."undoes" IS NULL)
				OR ("scans"."kind" = 'undo' AND "scans"."reason" IS NULL AND "scans"."undoes" IS NOT NULL AND "scans"."entry_key" IS NULL)),
	CONSTRAINT "scans_entry_key_admissions_only" CHECK("scans"."entry_key" IS NULL OR "scans"."reason" = 'ok'),
	CONSTRAINT "scans_by_someone" CHECK("scans"."staff_id" IS NOT NULL OR "scans"."scanner_device_id" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scans_nonce_once` ON `scans` (`device_id`,`nonce`);--> statement-breakpoint
CREATE UNIQUE INDEX `scans_entry_once` ON `scans` (`entry_key`) WHERE "scans"."entry_key" IS NOT NULL AND "scans"."undone_by" IS NULL;--> statement-breakpoint
CREATE INDEX `scans_standing_people` ON `scans` (`conference_id`,`registration_id`) WHERE "scans"."entry_key" IS NOT NULL AND "scans"."undone_by" IS NULL;--> statement-breakpoint
CREATE INDEX `scans_standing_gate` ON `scans` (`checkpoint_id`,`scanned_at`) WHERE "scans"."entry_key" IS NOT NULL AND "scans"."undone_by" IS NULL;--> statement-breakpoint
CREATE INDEX `scans_checkpoint` ON `scans` (`checkpoint_id`,`id`);