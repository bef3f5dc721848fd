CREATE TABLE `booth_holds` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`booth_id` integer NOT NULL,
	`exhibitor_id` integer NOT NULL,
	`kind` text NOT NULL,
	`created_at` integer NOT NULL,
	`created_by` integer NOT NULL,
	`released_at` integer,
	`released_by` integer,
	FOREIGN KEY (`booth_id`) REFERENCES `booths`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`exhibitor_id`) REFERENCES `exhibitors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`released_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "booth_holds_kind" CHECK(kind IN ('reserved', 'assigned'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `booth_holds_one_holder` ON `booth_holds` (`booth_id`) WHERE "booth_holds"."released_at" IS NULL;--> statement-breakpoint
CREATE INDEX `booth_holds_exhibitor` ON `booth_holds` (`exhibitor_id`);--> statement-breakpoint
CREATE TABLE `booths` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`hall_id` integer NOT NULL,
	`number` text NOT NULL,
	`area_square_metres` integer NOT NULL,
	`type` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`hall_id`) REFERENCES `exhibition_halls`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "booths_type" CHECK(type IN ('standard', 'raw')),
	CONSTRAINT "booths_area" CHECK("booths"."area_square_metres" BETWEEN 1 AND 100000)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `booths_number_once` ON `booths` (`conference_id`,`number`);--> statement-breakpoint
CREATE INDEX `booths_hall` ON `booths` (`hall_id`);--> statement-breakpoint
CREATE TABLE `exhibition_halls` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`code` text NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exhibition_halls_code_once` ON `exhibition_halls` (`conference_id`,`code`);--> statement-breakpoint
CREATE TABLE `exhibition_rules` (
	`conference_id` text PRIMARY KEY NOT NULL,
	`applications_open` integer DEFAULT false NOT NULL,
	`staff_square_metres_per` integer DEFAULT 3 NOT NULL,
	`staff_minimum` integer DEFAULT 2 NOT NULL,
	`setup_square_metres_per` integer DEFAULT 9 NOT NULL,
	`setup_minimum` integer DEFAULT 2 NOT NULL,
	`setup_starts_on` text,
	`setup_ends_on` text,
	`updated_at` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "exhibition_rules_staff" CHECK("exhibition_rules"."staff_square_metres_per" > 0 AND "exhibition_rules"."staff_minimum" >= 0),
	CONSTRAINT "exhibition_rules_setup" CHECK("exhibition_rules"."setup_square_metres_per" > 0 AND "exhibition_rules"."setup_minimum" >= 0),
	CONSTRAINT "exhibition_rules_setup_days" CHECK(("exhibition_rules"."setup_starts_on" IS NULL AND "exhibition_rules"."setup_ends_on" IS NULL) OR (setup_starts_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND setup_ends_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]' AND "exhibition_rules"."setup_starts_on" <= "exhibition_rules"."setup_ends_on"))
);
--> statement-breakpoint
CREATE TABLE `exhibitors` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`company_zh` text NOT NULL,
	`company_en` text NOT NULL,
	`credit_code` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_mobile` text,
	`contact_email` text,
	`industry_chain_id` integer,
	`products_zh` text DEFAULT '' NOT NULL,
	`products_en` text DEFAULT '' NOT NULL,
	`wanted_booth_type` text NOT NULL,
	`wanted_square_metres` integer NOT NULL,
	`intro_zh` text DEFAULT '' NOT NULL,
	`intro_en` text DEFAULT '' NOT NULL,
	`website` text,
	`language` text NOT NULL,
	`status` text NOT NULL,
	`review_note` text,
	`decided_at` integer,
	`decided_by` integer,
	`secret` text NOT NULL,
	`consent_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`industry_chain_id`) REFERENCES `industry_chains`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`decided_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "exhibitors_status" CHECK(status IN ('pending', 'changes_requested', 'approved', 'rejected', 'withdrawn')),
	CONSTRAINT "exhibitors_wanted_type" CHECK(wanted_booth_type IN ('standard', 'raw')),
	CONSTRAINT "exhibitors_wanted_area" CHECK("exhibitors"."wanted_square_metres" BETWEEN 1 AND 100000),
	CONSTRAINT "exhibitors_credit_code" CHECK(length("exhibitors"."credit_code") = 18),
	CONSTRAINT "exhibitors_contact" CHECK("exhibitors"."contact_mobile" IS NOT NULL OR "exhibitors"."contact_email" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exhibitors_secret_unique` ON `exhibitors` (`secret`);--> statement-breakpoint
CREATE UNIQUE INDEX `exhibitors_company_once` ON `exhibitors` (`conference_id`,`credit_code`) WHERE "exhibitors"."status" IN ('pending', 'changes_requested', 'approved');--> statement-breakpoint
CREATE INDEX `exhibitors_conference` ON `exhibitors` (`conference_id`,`status`);--> statement-breakpoint
CREATE TABLE `exhibitor_leads` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`exhibitor_id` integer NOT NULL,
	`registration_id` integer NOT NULL,
	`scanned_by` integer NOT NULL,
	`nonce` text NOT NULL,
	`scanned_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`rating` text,
	`updated_at` integer,
	FOREIGN KEY (`exhibitor_id`) REFERENCES `exhibitors`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scanned_by`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "exhibitor_leads_rating" CHECK("exhibitor_leads"."rating" IS NULL OR rating IN ('hot', 'warm', 'cold'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `exhibitor_leads_once` ON `exhibitor_leads` (`exhibitor_id`,`registration_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `exhibitor_leads_nonce_once` ON `exhibitor_leads` (`scanned_by`,`nonce`);--> statement-breakpoint
CREATE INDEX `exhibitor_leads_visitor` ON `exhibitor_leads` (`registration_id`);--> statement-breakpoint
CREATE INDEX `exhibitor_leads_scanned` ON `exhibitor_leads` (`exhibitor_id`,`scanned_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_scans` (
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
	`request_digest` text,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`checkpoint_id`) REFERENCES `checkpoints`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`prior_scan_id`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undone_by`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`undoes`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scanner_device_id`) REFERENCES `scanner_devices`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scans_kind" CHECK(kind IN ('scan', 'undo')),
	CONSTRAINT "scans_reason" CHECK("__new_scans"."reason" IS NULL OR reason IN ('ok', 'already_checked_in', 'not_allowed_here', 'not_signed_up', 'session_full', 'outside_setup_days', 'cancelled', 'invalid', 'wrong_conference', 'unknown')),
	CONSTRAINT "scans_device_reason" CHECK("__new_scans"."device_reason" IS NULL OR device_reason IN ('ok', 'already_checked_in', 'not_allowed_here', 'not_signed_up', 'session_full', 'outside_setup_days', 'cancelled', 'invalid', 'wrong_conference', 'unknown')),
	CONSTRAINT "scans_method" CHECK("__new_scans"."method" IS NULL OR method IN ('token', 'reference', 'search')),
	CONSTRAINT "scans_shape" CHECK(("__new_scans"."kind" = 'scan' AND "__new_scans"."reason" IS NOT NULL AND "__new_scans"."undoes" IS NULL)
				OR ("__new_scans"."kind" = 'undo' AND "__new_scans"."reason" IS NULL AND "__new_scans"."undoes" IS NOT NULL AND "__new_scans"."entry_key" IS NULL)),
	CONSTRAINT "scans_entry_key_admissions_only" CHECK("__new_scans"."entry_key" IS NULL OR "__new_scans"."reason" = 'ok'),
	CONSTRAINT "scans_by_someone" CHECK("__new_scans"."staff_id" IS NOT NULL OR "__new_scans"."scanner_device_id" IS NOT NULL)
);
--> statement-breakpoint
INSERT INTO `__new_scans`("id", "conference_id", "checkpoint_id", "registration_id", "kind", "reason", "method", "entry_key", "prior_scan_id", "undone_by", "undoes", "note", "device_id", "nonce", "staff_id", "scanner_device_id", "offline", "device_reason", "scanned_at", "stored_at", "request_digest") SELECT "id", "conference_id", "checkpoint_id", "registration_id", "kind", "reason", "method", "entry_key", "prior_scan_id", "undone_by", "undoes", "note", "device_id", "nonce", "staff_id", "scanner_device_id", "offline", "device_reason", "scanned_at", "stored_at", "request_digest" FROM `scans`;--> statement-breakpoint
DROP TABLE `scans`;--> statement-breakpoint
ALTER TABLE `__new_scans` RENAME TO `scans`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `scans_nonce_once` ON `scans` (`device_id`,`nonce`);--> statement-breakpoint
CREATE UNIQUE INDEX `scans_entry_once` ON `scans` (`entry_key`) WHERE "scans"."entry_key" IS NOT NULL AND "scans"."undone_by" IS NULL;--> statement-breakpoint
CREATE INDEX `scans_standing_people` ON `scans` (`conference_id`,`registration_id`) WHERE "scans"."entry_key" IS NOT NULL AND "scans"."undone_by" IS NULL;--> statement-breakpoint
CREATE INDEX `scans_standing_gate` ON `scans` (`checkpoint_id`,`scanned_at`) WHERE "scans"."entry_key" IS NOT NULL AND "scans"."undone_by" IS NULL;--> statement-breakpoint
CREATE INDEX `scans_checkpoint` ON `scans` (`checkpoint_id`,`id`);--> statement-breakpoint
ALTER TABLE `registrations` ADD `exhibitor_id` integer REFERENCES exhibitors(id);--> statement-breakpoint
ALTER TABLE `registrations` ADD `exhibitor_pass` text;--> statement-breakpoint
ALTER TABLE `registrations` ADD `share_contacts_at` integer;--> statement-breakpoint
CREATE INDEX `registrations_exhibitor` ON `registrations` (`exhibitor_id`);--> statement-breakpoint
-- Rebuilding `scans` for the new refusal reason (outside_setup_days) dropped its triggers with the old table:
-- scans stay append-only, exactly as 0012 left them.
CREATE TRIGGER `scans_no_update` BEFORE UPDATE ON `scans`
WHEN NOT (
	OLD.undone_by IS NULL AND NEW.undone_by IS NOT NULL AND OLD.entry_key IS NOT NULL
	AND NEW.id IS OLD.id AND NEW.conference_id IS OLD.conference_id
	AND NEW.checkpoint_id IS OLD.checkpoint_id AND NEW.registration_id IS OLD.registration_id
	AND NEW.kind IS OLD.kind AND NEW.reason IS OLD.reason AND NEW.method IS OLD.method
	AND NEW.entry_key IS OLD.entry_key AND NEW.prior_scan_id IS OLD.prior_scan_id
	AND NEW.undoes IS OLD.undoes AND NEW.note IS OLD.note
	AND NEW.device_id IS OLD.device_id AND NEW.nonce IS OLD.nonce
	AND NEW.staff_id IS OLD.staff_id AND NEW.scanner_device_id IS OLD.scanner_device_id
	AND NEW.offline IS OLD.offline AND NEW.device_reason IS OLD.device_reason
	AND NEW.scanned_at IS OLD.scanned_at AND NEW.stored_at IS OLD.stored_at
	AND NEW.request_digest IS OLD.request_digest
)
BEGIN
	SELECT RAISE(ABORT, 'scans are append-only: only marking an admission undone is allowed');
END;--> statement-breakpoint
CREATE TRIGGER `scans_no_delete` BEFORE DELETE ON `scans`
BEGIN
	SELECT RAISE(ABORT, 'scans are append-only');
END;
