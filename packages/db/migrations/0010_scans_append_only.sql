-- Scans are the record of who came through which gate: append-only. The one change allowed is
-- marking a standing admission undone by the undo row that reverses it, once; that takes it out
-- of the unique index `scans_entry_once` and frees the slot.
CREATE TRIGGER `scans_no_update` BEFORE UPDATE ON `scans`
WHEN NOT (
	OLD.undone_by IS NULL AND NEW.undone_by IS NOT NULL AND OLD.entry_key IS NOT NULL
	AND NEW.id = OLD.id AND NEW.conference_id = OLD.conference_id
	AND NEW.checkpoint_id = OLD.checkpoint_id AND NEW.registration_id IS OLD.registration_id
	AND NEW.kind = OLD.kind AND NEW.reason IS OLD.reason AND NEW.entry_key IS OLD.entry_key
	AND NEW.device_id = OLD.device_id AND NEW.nonce = OLD.nonce
	AND NEW.scanned_at = OLD.scanned_at AND NEW.stored_at = OLD.stored_at
)
BEGIN
	SELECT RAISE(ABORT, 'scans are append-only: only marking an admission undone is allowed');
END;
--> statement-breakpoint
CREATE TRIGGER `scans_no_delete` BEFORE DELETE ON `scans`
BEGIN
	SELECT RAISE(ABORT, 'scans are append-only');
END;
