PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_scan_conflicts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`conference_id` text NOT NULL,
	`scan_id` integer NOT NULL,
	`other_scan_id` integer,
	`registration_id` integer NOT NULL,
	`kind` text NOT NULL,
	`device_scanned_at` integer,
	`created_at` integer NOT NULL,
	`resolved_at` integer,
	`resolved_by` integer,
	`resolution` text,
	FOREIGN KEY (`conference_id`) REFERENCES `conferences`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`scan_id`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`other_scan_id`) REFERENCES `scans`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`registration_id`) REFERENCES `registrations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resolved_by`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "scan_conflicts_kind" CHECK(kind IN ('double_admission', 'admitted_after_cancellation', 'admitted_after_refusal', 'device_clock')),
	CONSTRAINT "scan_conflicts_resolution" CHECK((resolved_at IS NULL) = (resolution IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_scan_conflicts`("id", "conference_id", "scan_id", "other_scan_id", "registration_id", "kind", "created_at", "resolved_at", "resolved_by", "resolution") SELECT "id", "conference_id", "scan_id", "other_scan_id", "registration_id", "kind", "created_at", "resolved_at", "resolved_by", "resolution" FROM `scan_conflicts`;--> statement-breakpoint
DROP TABLE `scan_conflicts`;--> statement-breakpoint
ALTER TABLE `__new_scan_conflicts` RENAME TO `scan_conflicts`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `scan_conflicts_scan_kind` ON `scan_conflicts` (`scan_id`,`kind`);--> statement-breakpoint
CREATE INDEX `scan_conflicts_open` ON `scan_conflicts` (`conference_id`,`resolved_at`);--> statement-breakpoint
ALTER TABLE `scans` ADD `request_digest` text;--> statement-breakpoint
-- Scans are append-only for every column. The one change allowed is marking a standing
-- admission undone by the undo row that reverses it, once; 0010 compared only some columns, so a
-- row could be rewritten (method, note, who scanned, offline, what the device said) on the way.
DROP TRIGGER `scans_no_update`;--> statement-breakpoint
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
END;
