-- The live pages of every instance hear of a commit that may have changed their figures
-- (packages/db/src/postgres/changes.ts listens on `huizhan_live`), instead of each asking the
-- database on a short timer. One trigger per statement, not per row: a batch of a thousand rows
-- is one notification, and the notifications of one transaction with the same (empty) payload
-- are delivered as one, after it commits. The payload carries nothing; a listener reads the
-- current version itself. The tables are those the live version probes read
-- (packages/api/src/live: LIVE_PROBES); a test there checks each of them has its trigger.
CREATE FUNCTION "huizhan_notify_live"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('huizhan_live', '');
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_notify_live" AFTER INSERT OR UPDATE OR DELETE ON "ledger_entries"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_notify_live"();
--> statement-breakpoint
CREATE TRIGGER "registrations_notify_live" AFTER INSERT OR UPDATE OR DELETE ON "registrations"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_notify_live"();
--> statement-breakpoint
CREATE TRIGGER "scans_notify_live" AFTER INSERT OR UPDATE OR DELETE ON "scans"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_notify_live"();
--> statement-breakpoint
CREATE TRIGGER "conferences_notify_live" AFTER INSERT OR UPDATE OR DELETE ON "conferences"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_notify_live"();
--> statement-breakpoint
CREATE TRIGGER "targets_notify_live" AFTER INSERT OR UPDATE OR DELETE ON "targets"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_notify_live"();
--> statement-breakpoint
CREATE TRIGGER "responsible_units_notify_live" AFTER INSERT OR UPDATE OR DELETE ON "responsible_units"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_notify_live"();
