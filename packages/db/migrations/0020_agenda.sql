CREATE TABLE `agenda_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`kind` text NOT NULL,
	`title_zh` text NOT NULL,
	`title_en` text NOT NULL,
	`track_zh` text,
	`track_en` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`hall_zh` text NOT NULL,
	`hall_en` text NOT NULL,
	`capacity` integer,
	`allowed_categories` text,
	`signup_required` integer DEFAULT false NOT NULL,
	`language` text NOT NULL,
	`description_zh` text DEFAULT '' NOT NULL,
	`description_en` text DEFAULT '' NOT NULL,
	`ceremony_opened_at` integer,
	`ceremony_closed_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "agenda_sessions_kind" CHECK(kind IN ('opening', 'main_forum', 'sub_forum', 'signing_ceremony', 'exhibition', 'other')),
	CONSTRAINT "agenda_sessions_language" CHECK(language IN ('zh', 'en', 'zh_en')),
	CONSTRAINT "agenda_sessions_order" CHECK("agenda_sessions"."starts_at" < "agenda_sessions"."ends_at"),
	CONSTRAINT "agenda_sessions_capacity" CHECK("agenda_sessions"."capacity" IS NULL OR "agenda_sessions"."capacity" > 0),
	CONSTRAINT "agenda_sessions_allowed_categories" CHECK("agenda_sessions"."allowed_categories" IS NULL OR (json_valid("agenda_sessions"."allowed_categories") AND json_type("agenda_sessions"."allowed_categories") = 'array'))
);
--> statement-breakpoint
CREATE INDEX `agenda_sessions_conference` ON `agenda_sessions` (`conference_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `ceremony_items` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`position` integer NOT NULL,
	`deal_id` text,
	`draft` text,
	`confirmed_at` integer,
	`confirmed_by` integer,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `agenda_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`confirmed_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "ceremony_items_what" CHECK("ceremony_items"."deal_id" IS NOT NULL OR "ceremony_items"."draft" IS NOT NULL),
	CONSTRAINT "ceremony_items_confirmed" CHECK("ceremony_items"."confirmed_at" IS NULL OR ("ceremony_items"."deal_id" IS NOT NULL AND "ceremony_items"."confirmed_by" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX `ceremony_items_session` ON `ceremony_items` (`session_id`,`position`);--> statement-breakpoint
CREATE UNIQUE INDEX `ceremony_items_deal_once` ON `ceremony_items` (`session_id`,`deal_id`);--> statement-breakpoint
CREATE TABLE `session_signups` (
	`session_id` integer NOT NULL,
	`registration_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`session_id`, `registration_id`),
	FOREIGN KEY (`session_id`) REFERENCES `agenda_sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_signups_registration` ON `session_signups` (`registration_id`);--> statement-breakpoint
CREATE TABLE `session_speakers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` integer NOT NULL,
	`position` integer NOT NULL,
	`name_zh` text NOT NULL,
	`name_en` text NOT NULL,
	`title_zh` text DEFAULT '' NOT NULL,
	`title_en` text DEFAULT '' NOT NULL,
	`organisation_zh` text DEFAULT '' NOT NULL,
	`organisation_en` text DEFAULT '' NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `agenda_sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_speakers_session` ON `session_speakers` (`session_id`,`position`);--> statement-breakpoint
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
	CONSTRAINT "scans_reason" CHECK("__new_scans"."reason" IS NULL OR reason IN ('ok', 'already_checked_in', 'not_allowed_here', 'not_signed_up', 'session_full', 'cancelled', 'invalid', 'wrong_conference', 'unknown')),
	CONSTRAINT "scans_device_reason" CHECK("__new_scans"."device_reason" IS NULL OR device_reason IN ('ok', 'already_checked_in', 'not_allowed_here', 'not_signed_up', 'session_full', 'cancelled', 'invalid', 'wrong_conference', 'unknown')),
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
ALTER TABLE `checkpoints` ADD `session_id` integer REFERENCES agenda_sessions(id);--> statement-breakpoint
-- Rebuilding `scans` for the two new refusal reasons dropped its triggers with the old table:
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
