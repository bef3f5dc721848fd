CREATE TABLE `ledger_total` (
	`id` integer PRIMARY KEY NOT NULL,
	`amount` integer NOT NULL,
	CONSTRAINT "ledger_total_one_row" CHECK("ledger_total"."id" = 1)
);
--> statement-breakpoint
INSERT INTO `ledger_total` (`id`, `amount`)
SELECT 1, coalesce(sum(`delta_contract` + `delta_framework` + `delta_intent`), 0) FROM `ledger_entries`;
--> statement-breakpoint
-- The ceiling is 10^15 元 (1000万亿元), the ledger package's LEDGER_CEILING_YUAN: far below
-- 2^53, past which sums stop being exact. Only an entry that raises the total is refused, so a
-- ledger filled past the ceiling before this check can still be corrected by voids.
CREATE TRIGGER `ledger_entries_ceiling` BEFORE INSERT ON `ledger_entries`
WHEN NEW.`delta_contract` + NEW.`delta_framework` + NEW.`delta_intent` > 0
	AND (SELECT `amount` FROM `ledger_total` WHERE `id` = 1)
		+ NEW.`delta_contract` + NEW.`delta_framework` + NEW.`delta_intent` > 1000000000000000
BEGIN
	SELECT RAISE(ABORT, 'ledger_ceiling');
END;
--> statement-breakpoint
CREATE TRIGGER `ledger_entries_total` AFTER INSERT ON `ledger_entries`
BEGIN
	UPDATE `ledger_total`
	SET `amount` = `amount` + NEW.`delta_contract` + NEW.`delta_framework` + NEW.`delta_intent`
	WHERE `id` = 1;
END;
