-- The signing ceremony's big screen hears at once when a ceremony opens or closes and when a
-- line is confirmed, also when that writes nothing to the ledger (a deal entered before is only
-- announced): the live probes read these two tables (packages/api/src/live/ceremony.ts), and a
-- test there checks each probed table has its trigger. See 0002 for why one per statement.
CREATE TRIGGER "agenda_sessions_notify_live" AFTER INSERT OR UPDATE OR DELETE ON "agenda_sessions"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_notify_live"();
--> statement-breakpoint
CREATE TRIGGER "ceremony_items_notify_live" AFTER INSERT OR UPDATE OR DELETE ON "ceremony_items"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_notify_live"();
