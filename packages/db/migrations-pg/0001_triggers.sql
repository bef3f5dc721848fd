-- The rules the tables cannot state as constraints, as in the SQLite migrations 0001, 0004, 0010,
-- 0012, 0013 and 0014, with the same trigger names and the same messages (the code and its
-- tests match on them). PostgreSQL also has TRUNCATE, which fires no row trigger: each
-- append-only table refuses it too.
CREATE FUNCTION "huizhan_refuse"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION '%', TG_ARGV[0];
END
$$;
--> statement-breakpoint
-- The audit log is append-only: staff changes must not be tidied away after the fact.
CREATE TRIGGER "audit_log_no_update" BEFORE UPDATE ON "audit_log"
	FOR EACH ROW EXECUTE FUNCTION "huizhan_refuse"('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_delete" BEFORE DELETE ON "audit_log"
	FOR EACH ROW EXECUTE FUNCTION "huizhan_refuse"('audit_log is append-only');
--> statement-breakpoint
CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_refuse"('audit_log is append-only');
--> statement-breakpoint
-- The signing ledger is append-only: a correction is a new entry, never an edited row.
CREATE TRIGGER "ledger_entries_no_update" BEFORE UPDATE ON "ledger_entries"
	FOR EACH ROW EXECUTE FUNCTION "huizhan_refuse"('ledger_entries is append-only');
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_delete" BEFORE DELETE ON "ledger_entries"
	FOR EACH ROW EXECUTE FUNCTION "huizhan_refuse"('ledger_entries is append-only');
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_no_truncate" BEFORE TRUNCATE ON "ledger_entries"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_refuse"('ledger_entries is append-only');
--> statement-breakpoint
-- Scans are append-only for every column. The one change allowed is marking a standing
-- admission undone by the undo row that reverses it, once; that takes it out of the unique index
-- `scans_entry_once` and frees the slot. The row is compared whole but for `undone_by`, so a
-- column added later is covered without rewriting this trigger (SQLite's list of columns had
-- to be, in 0012).
CREATE FUNCTION "scans_refuse_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF OLD."undone_by" IS NULL AND NEW."undone_by" IS NOT NULL AND OLD."entry_key" IS NOT NULL
		AND (to_jsonb(NEW) - 'undone_by') = (to_jsonb(OLD) - 'undone_by') THEN
		RETURN NEW;
	END IF;
	RAISE EXCEPTION 'scans are append-only: only marking an admission undone is allowed';
END
$$;
--> statement-breakpoint
CREATE TRIGGER "scans_no_update" BEFORE UPDATE ON "scans"
	FOR EACH ROW EXECUTE FUNCTION "scans_refuse_update"();
--> statement-breakpoint
CREATE TRIGGER "scans_no_delete" BEFORE DELETE ON "scans"
	FOR EACH ROW EXECUTE FUNCTION "huizhan_refuse"('scans are append-only');
--> statement-breakpoint
CREATE TRIGGER "scans_no_truncate" BEFORE TRUNCATE ON "scans"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_refuse"('scans are append-only');
--> statement-breakpoint
-- The installation's one row is written once, by whoever creates the database, and never
-- changed. (SQLite's 0013 also classified databases made before the mode existed; a PostgreSQL
-- database starts empty at this migration, so there is nothing to classify.)
CREATE TRIGGER "installation_no_update" BEFORE UPDATE ON "installation"
	FOR EACH ROW EXECUTE FUNCTION "huizhan_refuse"('the installation mode is fixed when the database is created');
--> statement-breakpoint
CREATE TRIGGER "installation_no_delete" BEFORE DELETE ON "installation"
	FOR EACH ROW EXECUTE FUNCTION "huizhan_refuse"('the installation mode is fixed when the database is created');
--> statement-breakpoint
CREATE TRIGGER "installation_no_truncate" BEFORE TRUNCATE ON "installation"
	FOR EACH STATEMENT EXECUTE FUNCTION "huizhan_refuse"('the installation mode is fixed when the database is created');
--> statement-breakpoint
-- The ledger's grand total, kept by the triggers below.
INSERT INTO "ledger_total" ("id", "amount")
SELECT 1, coalesce(sum("delta_contract" + "delta_framework" + "delta_intent"), 0) FROM "ledger_entries";
--> statement-breakpoint
-- The ceiling is 10^15 元 (1000万亿元), the ledger package's LEDGER_CEILING_YUAN: far below
-- 2^53, past which sums stop being exact. Only an entry that raises the total is refused, so a
-- ledger past the ceiling can still be corrected by voids. The total's row is locked until the
-- transaction ends: two appends at once cannot both pass the check on the same old total.
CREATE FUNCTION "ledger_entries_ceiling"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	delta bigint := NEW."delta_contract" + NEW."delta_framework" + NEW."delta_intent";
	total bigint;
BEGIN
	IF delta > 0 THEN
		SELECT "amount" INTO total FROM "ledger_total" WHERE "id" = 1 FOR UPDATE;
		IF total + delta > 1000000000000000 THEN
			RAISE EXCEPTION 'ledger_ceiling';
		END IF;
	END IF;
	RETURN NEW;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_ceiling" BEFORE INSERT ON "ledger_entries"
	FOR EACH ROW EXECUTE FUNCTION "ledger_entries_ceiling"();
--> statement-breakpoint
CREATE FUNCTION "ledger_entries_total"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE "ledger_total"
	SET "amount" = "amount" + NEW."delta_contract" + NEW."delta_framework" + NEW."delta_intent"
	WHERE "id" = 1;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "ledger_entries_total" AFTER INSERT ON "ledger_entries"
	FOR EACH ROW EXECUTE FUNCTION "ledger_entries_total"();
